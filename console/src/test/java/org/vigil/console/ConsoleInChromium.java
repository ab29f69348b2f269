package org.vigil.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A real console on a fresh data dir and a real headless Chromium, for one browser test class:
 * {@code @RegisterExtension static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);}. Both are up
 * before the class's own {@code @BeforeAll} (which seeds what it needs) and gone after its last test.
 */
final class ConsoleInChromium implements BeforeAllCallback, AfterAllCallback {
    private final RunningConsole running;
    private final String adminPassword;
    private Path profile;
    private Chromium chromium;

    ConsoleInChromium(String adminPassword) {
        this(adminPassword, WebTimings.defaults());
    }

    ConsoleInChromium(String adminPassword, WebTimings timings) {
        this(adminPassword, new RunningConsole(adminPassword, timings));
    }

    private ConsoleInChromium(String adminPassword, RunningConsole running) {
        this.adminPassword = adminPassword;
        this.running = running;
    }

    /** The console over HTTPS with its own CA's certificate (Chromium is told to accept it). */
    static ConsoleInChromium overHttps(String adminPassword) {
        return new ConsoleInChromium(adminPassword, RunningConsole.overHttps(adminPassword));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        running.beforeAll(context);
        profile = Files.createTempDirectory("vigil-chromium-profile");
        chromium = new Chromium(profile, username -> Phone.freshCode(dataDir(), username));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            running.afterAll(context);
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(ConsoleInChromium::deleteQuietly);
            }
        }
    }

    Console console() {
        return running.get();
    }

    /** Stops the console while the browser stays open; {@link #startConsoleAgain} brings it back on the same port. */
    void stopConsole() {
        running.stop();
    }

    void startConsoleAgain() throws IOException {
        running.startAgain();
    }

    Path dataDir() {
        return running.get().dataDir();
    }

    /** The web UI's base address, {@code http://127.0.0.1:PORT} (https over HTTPS). */
    String base() {
        String url = running.get().httpUrl();
        return url.substring(0, url.length() - 1);
    }

    Chromium chromium() {
        return chromium;
    }

    ChromeDriver browser() {
        return chromium.driver();
    }

    /** A user of this role made by the admin; they sign in with "USERNAME passphrase". */
    WebSession newUser(String username, String role) throws Exception {
        return WebSession.newUser(console(), WebSession.signIn(console(), "admin", adminPassword), username, role);
    }

    /** Chromium leaves files behind while it shuts down; a profile left in /tmp is harmless. */
    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // see above
        }
    }
}
