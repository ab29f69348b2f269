package org.vigil.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vigil.runtime.Fatal;

/**
 * The real console on a fresh data dir for one test class, with a known admin password, its web UI on plain HTTP
 * ({@link #overHttps} for HTTPS): {@code @RegisterExtension static final RunningConsole console = new
 * RunningConsole(PASSWORD);}
 */
final class RunningConsole implements BeforeAllCallback, AfterAllCallback {
    private final String adminPassword;
    private final WebTimings timings;
    private final boolean https;
    private Path dataDir;
    private Console console;
    private Optional<ConsoleConfig> stopped = Optional.empty();

    RunningConsole(String adminPassword) {
        this(adminPassword, WebTimings.defaults());
    }

    /** With the web side's timeouts shortened (a session that expires in seconds). */
    RunningConsole(String adminPassword, WebTimings timings) {
        this(adminPassword, timings, false);
    }

    private RunningConsole(String adminPassword, WebTimings timings, boolean https) {
        this.adminPassword = adminPassword;
        this.timings = timings;
        this.https = https;
    }

    /**
     * The one switch: the web UI over HTTPS with the console CA's certificate, as {@code serve} runs it by default.
     * Every other fixture serves plain HTTP, so tests that are not about the transport stay simple.
     */
    static RunningConsole overHttps(String adminPassword) {
        return new RunningConsole(adminPassword, WebTimings.defaults(), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("vigil-console-test");
        ConsoleConfig config = AdminDsl.seed(ConsoleConfig.onLoopback(dataDir), adminPassword);
        console = Console.start(https ? config : config.withPlainHttp(), Fatal.exitProcess(), timings);
    }

    /** Stops the console; {@link #startAgain} starts it on the same data dir and ports, as a service manager would. */
    void stop() {
        stopped = Optional.of(console.config().withPorts(console.httpPort(), console.grpcPort()));
        console.close();
    }

    void startAgain() throws IOException {
        console = Console.start(stopped.orElseThrow(), Fatal.exitProcess(), timings);
        stopped = Optional.empty();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (stopped.isEmpty()) {
            console.close();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(RunningConsole::delete);
        }
    }

    Console get() {
        return console;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
