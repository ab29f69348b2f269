package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.support.PrivateSessionBus;

/**
 * Password fields on Linux (ADR 0119), end to end: Xvfb, a private D-Bus session bus with the real at-spi2-core
 * accessibility bus, a real GTK 3 window with a normal entry and a password entry, the real agent jar and the real
 * console jar. A listed phrase typed by xdotool into the password entry is not captured; the same phrase in the
 * normal entry is. Skipped, naming the package, on a machine without D-Bus, at-spi2-core or GTK's Python bindings.
 */
@Tag("e2e")
class PasswordFieldNotCapturedTest {
    private static final String TITLE = "Vigil AT-SPI password test";
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    /** at-spi2-core's {@code ATSPI_ROLE_PASSWORD_TEXT} and {@code ATSPI_ROLE_TEXT}. */
    private static final int ROLE_PASSWORD_TEXT = 40;
    private static final int ROLE_TEXT = 61;

    @TempDir
    static Path work;
    private static VirtualDisplay display;
    private static PrivateSessionBus sessionBus;
    private static RunningProcess window;
    private static VigilUnderTest vigil;
    private static RunningProcess agent;

    @BeforeAll
    static void startEverything() throws Exception {
        Optional<String> missing = PrivateSessionBus.missingPackage().or(PasswordFieldNotCapturedTest::missingGtk);
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow()
                + " (apt-get install dbus-daemon at-spi2-core python3-gi gir1.2-gtk-3.0, as .ci/run does)");
        display = VirtualDisplay.start();
        sessionBus = PrivateSessionBus.start(work.resolve("session"));
        window = RunningProcess.start("gtk-window", List.of(SYSTEM_PYTHON.toString(), script().toString(), TITLE),
                session(), work);
        window.awaitLine(line -> line.contains("ready"), Duration.ofSeconds(30), "the GTK window");
        display.xdotool("search", "--sync", "--name", TITLE, "windowfocus", "--sync");

        vigil = VigilUnderTest.startConsole(work);
        Map<String, String> agentSession = new java.util.HashMap<>(sessionBus.environment());
        agentSession.put("VIGIL_LOG_LEVEL", "DEBUG"); // the role read at each focus change is logged at DEBUG
        agent = vigil.startAgent("agent", vigil.agentConfig("agent"), display, agentSession);
        agent.awaitLine(line -> line.contains("following focus on the AT-SPI accessibility bus"),
                Duration.ofSeconds(60), "that it follows focus on the accessibility bus");
        agent.awaitLine(line -> line.contains("Vigil agent listening"), Duration.ofSeconds(60), "that it listens");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Cleanup.closeAll(agent, vigil, window, sessionBus, display);
    }

    @Test
    void aPhraseTypedIntoThePasswordEntryIsNotCapturedAndOneTypedIntoTheNormalEntryIs() throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures");

        display.xdotool("key", "Tab"); // from the normal entry (focused first) to the password entry
        // the focus event and the role travel over D-Bus (milliseconds); the test waits for them, a pupil is slower
        agent.awaitLine(line -> line.endsWith(": role " + ROLE_PASSWORD_TEXT), Duration.ofSeconds(10),
                "the password entry's role read from the accessibility bus");
        display.xdotool("type", "--delay", "20", "tonight i want to kill myself");
        display.xdotool("key", "Return");
        window.awaitLine(line -> line.equals("activated password 29"), Duration.ofSeconds(10),
                "the phrase to reach the password entry");

        display.xdotool("key", "Tab"); // back to the normal entry
        agent.awaitLine(line -> line.endsWith(": role " + ROLE_TEXT), Duration.ofSeconds(10),
                "the normal entry's role read from the accessibility bus");
        display.xdotool("type", "--delay", "20", "after school i want to kill myself");
        display.xdotool("key", "Return");
        window.awaitLine(line -> line.equals("activated normal 34"), Duration.ofSeconds(10),
                "the phrase to reach the normal entry");

        // The normal entry's capture is the barrier: the agent sends in typing order, so had the password line been
        // captured, it would be stored before this one.
        waitUntil(Duration.ofSeconds(15), "the normal entry's capture", () -> vigil.count(
                "SELECT COUNT(*) FROM captures WHERE matched_text = 'kill myself'"
                        + " AND context = 'after school i want to kill myself'") == 1);
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM captures WHERE context LIKE '%tonight%'"),
                "nothing typed into the password entry is captured");
        assertEquals(before + 1, vigil.count("SELECT COUNT(*) FROM captures"));
    }

    private static Map<String, String> session() {
        Map<String, String> env = new java.util.HashMap<>(sessionBus.environment());
        env.put("DISPLAY", display.name());
        return env;
    }

    private static Path script() {
        try {
            return Path.of(PasswordFieldNotCapturedTest.class.getResource("/atspi/password-window.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GTK 3 and its Python bindings, as the system's python3 has them (a pyenv python on PATH does not). */
    private static Optional<String> missingGtk() {
        try {
            Process check = new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c",
                    "import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes()).strip();
            return check.waitFor() == 0 ? Optional.empty()
                    : Optional.of("GTK 3 for Python is not installed (python3-gi, gir1.2-gtk-3.0): " + output);
        } catch (IOException e) {
            return Optional.of("python3 is not installed at " + SYSTEM_PYTHON);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for GTK 3 for Python");
        }
    }
}
