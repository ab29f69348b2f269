package org.vigil.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real console on a fresh data dir for one test class, with a known admin password:
 * {@code @RegisterExtension static final RunningConsole console = new RunningConsole(PASSWORD);}
 */
final class RunningConsole implements BeforeAllCallback, AfterAllCallback {
    private final String adminPassword;
    private Path dataDir;
    private Console console;

    RunningConsole(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("vigil-console-test");
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withAdminPassword(adminPassword));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        console.close();
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
