package org.vigil.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** A flooding client started as a JVM of its own from this bench jar, and its thread count read from /proc. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java -Xmx512m … BenchMain COMMAND ARGS…}, its errors on this process's stderr. */
    public static ProcessBuilder of(String command, String... args) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dlogback.configurationFile=vigil-bench-logback.xml", "-cp", ownJar(),
                BenchMain.class.getName(), command));
        line.addAll(List.of(args));
        return new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** The process's threads now (Linux), empty once it has ended. */
    static OptionalInt threads(Process process) {
        try {
            return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("Threads:"))
                    .mapToInt(line -> Integer.parseInt(line.substring(8).strip())).findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty(); // ended, or not Linux
        }
    }

    private static String ownJar() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the bench jar to start the flood client from", e);
        }
    }
}
