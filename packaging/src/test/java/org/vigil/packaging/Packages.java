package org.vigil.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Builds packages with packaging/build.sh, the script the -Ppackaging build runs, into a folder of the test's. */
final class Packages {
    private Packages() {
    }

    static Path packagingDir() {
        return Path.of(System.getProperty("vigil.packaging.dir", "packaging")).toAbsolutePath();
    }

    /** The version the Maven build gives packages: "0.1.0-SNAPSHOT" becomes "0.1.0~SNAPSHOT" for dpkg. */
    static String projectVersion() {
        return System.getProperty("vigil.packaging.version", "0.1.0-SNAPSHOT").replaceFirst("-", "~");
    }

    /** Builds one kind of package ({@code agent-deb}, {@code console-deb}, {@code msi}, {@code macos}) at a version. */
    static Path build(String kind, String version, Path out, String... options)
            throws IOException, InterruptedException {
        return built(kind, out, run(kind, version, out, options).orFail("packaging/build.sh " + kind + " " + version));
    }

    /** Runs build.sh; its exit code and what it said. */
    static Host.Result run(String kind, String version, Path out, String... options)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new java.util.ArrayList<>(List.of(packagingDir().resolve("build.sh").toString(),
                "--version", version, "--out", out.toString()));
        command.addAll(List.of(options));
        command.add(kind);
        return Host.run(command);
    }

    static Path built(String kind, Path out, Host.Result build) throws IOException {
        String suffix = kind.equals("msi") ? ".msi" : "_amd64.deb";
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("build.sh " + kind + " left no *" + suffix + " in " + out
                            + ":\n" + build.output()));
        }
    }

    /** Where the tests build: beside the module's other build output, kept for a look after a failure. */
    static Path testOutput(String name) {
        return packagingDir().resolve("target").resolve("packaging-test").resolve(name);
    }
}
