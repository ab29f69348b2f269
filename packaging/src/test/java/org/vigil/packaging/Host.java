package org.vigil.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Commands run on the machine under test (it is the machine the packages are installed on), and what it has. */
final class Host {
    private Host() {
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {
        Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    static boolean has(String command) throws IOException, InterruptedException {
        return run("sh", "-c", "command -v " + command).exitCode() == 0;
    }

    /** Skips the test class, saying why, unless this is root on a Debian-like machine with every tool named. */
    static void assumeRootWith(String... commands) throws IOException, InterruptedException {
        Assumptions.assumeTrue(run("id", "-u").output().strip().equals("0"), "skipped: installing a package with"
                + " dpkg and running its service need root (CI runs as root)");
        for (String command : commands) {
            Assumptions.assumeTrue(has(command), "skipped: " + command + " is not installed (.ci/run installs what"
                    + " the packaging tests need)");
        }
    }

    /** Skips unless every tool named is installed. */
    static void assumeTools(String... commands) throws IOException, InterruptedException {
        for (String command : commands) {
            Assumptions.assumeTrue(has(command), "skipped: " + command + " is not installed (.ci/run installs what"
                    + " the packaging tests need)");
        }
    }

    /** dpkg's word on a package: "install ok installed", or empty when it knows nothing of it. */
    static String packageStatus(String name) throws IOException, InterruptedException {
        Result status = run("dpkg-query", "-W", "-f=${Status}", name);
        return status.exitCode() == 0 ? status.output().strip() : "";
    }

    static String packageField(String name, String field) throws IOException, InterruptedException {
        return run("dpkg-query", "-W", "-f=${" + field + "}", name).orFail("dpkg-query " + name).output().strip();
    }

    /**
     * The system accounts (uid below 1000): what a package adds. People's accounts, such as the pupils other tests
     * on this machine may be creating meanwhile, are not counted.
     */
    static List<String> systemUsers() throws IOException, InterruptedException {
        return systemEntries("passwd");
    }

    static List<String> systemGroups() throws IOException, InterruptedException {
        return systemEntries("group");
    }

    private static List<String> systemEntries(String database) throws IOException, InterruptedException {
        return run("getent", database).orFail("getent " + database).output().lines()
                .map(line -> line.split(":"))
                .filter(fields -> fields.length > 2 && Long.parseLong(fields[2]) < 1000)
                .map(fields -> fields[0]).sorted().toList();
    }

    /** Removes a folder and everything in it, if it is there. */
    static void deleteTree(java.nio.file.Path folder) throws IOException, InterruptedException {
        if (java.nio.file.Files.exists(folder)) {
            run("rm", "-rf", folder.toString()).orFail("rm -rf " + folder);
        }
    }
}
