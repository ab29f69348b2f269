package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.Main;

/**
 * What a newcomer sees when {@code serve} cannot start, from the real command in its own process: one line naming
 * the problem and the path or port, no stack trace, a non-zero exit.
 */
class StartupProblemsTest {
    @TempDir
    Path dir;

    @Test
    void aDataDirThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil-data"), "not a directory");
        Run run = serve("--data", file.toString());
        assertEquals(1, run.exit());
        run.assertOneLine("vigil-console: --data " + file + " is a file, not a directory: give the console's data"
                + " directory (a new one is made if it does not exist)");
    }

    @Test
    void aDataDirThatCannotBeCreatedIsNamed() throws Exception {
        Run run = serve("--data", "/proc/vigil-data");
        assertEquals(1, run.exit());
        run.assertOneLine("vigil-console: cannot create the data directory /proc/vigil-data (the file system there"
                + " does not allow it): check --data, or run the console as an account that may write there");
    }

    @Test
    void aWebPortInUseIsNamedWithTheOptionThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = serve("--data", dir.resolve("data").toString(), "--http-port",
                    String.valueOf(taken.getLocalPort()));
            assertEquals(1, run.exit());
            run.assertOneLine("vigil-console: the web port 127.0.0.1:" + taken.getLocalPort() + " is in use by"
                    + " another program: stop that program, or choose another port with --http-port");
        }
    }

    @Test
    void anAgentPortInUseIsNamedWithTheOptionThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = serve("--data", dir.resolve("data").toString(), "--grpc-port",
                    String.valueOf(taken.getLocalPort()));
            assertEquals(1, run.exit());
            run.assertOneLine("vigil-console: the agents' port 127.0.0.1:" + taken.getLocalPort() + " is in use by"
                    + " another program: stop that program, or choose another port with --grpc-port");
        }
    }

    @Test
    void aCertificateFileOfInvalidBytesIsNamed() throws Exception {
        Path binary = Files.write(dir.resolve("school.der"), new byte[] {0x30, (byte) 0x82, (byte) 0xff, (byte) 0xfe});
        Run run = serve("--data", dir.resolve("data").toString(), "--https-cert", binary.toString(), "--https-key",
                binary.toString());
        assertEquals(2, run.exit());
        assertTrue(run.stderr().contains("vigil-console: --https-cert " + binary + " holds bytes that are not PEM"
                + " text (a DER or PKCS#12 file?)"), run.stderr());
        run.assertNoStackTrace();
    }

    private record Run(int exit, String stderr) {
        /** Every line but log lines (timestamped), which the console writes as it starts. */
        List<String> ownLines() {
            return stderr.lines().filter(line -> !line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
        }

        void assertOneLine(String expected) {
            assertEquals(List.of(expected), ownLines(), stderr);
            assertNoStackTrace();
        }

        void assertNoStackTrace() {
            assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), stderr);
        }
    }

    /** {@code vigil-console serve ...} on loopback with a free gRPC port unless given, in a process of its own. */
    private Run serve(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--bind",
                "127.0.0.1", "--http-plain"));
        command.addAll(List.of(options));
        if (!command.contains("--http-port")) {
            command.addAll(List.of("--http-port", "0"));
        }
        if (!command.contains("--grpc-port")) {
            command.addAll(List.of("--grpc-port", "0"));
        }
        if (command.contains("--https-cert")) {
            command.remove("--http-plain");
        }
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve did not stop: " + stderr);
        return new Run(process.exitValue(), stderr);
    }
}
