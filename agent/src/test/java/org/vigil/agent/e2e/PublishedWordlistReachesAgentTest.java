package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.wordlists.WordlistBundle;

/**
 * IT publishes a wordlist change with the console's own command while the real agent is connected: the agent
 * switches to the new version without a restart, typed text matches the new term, and after a restart it still
 * runs that version from its last-known-good file.
 */
@Tag("e2e")
class PublishedWordlistReachesAgentTest {
    private static final String NEW_TERM = "lucky spin";

    @TempDir
    static Path work;
    private static VirtualDisplay display;
    private static VigilUnderTest vigil;
    private static RunningProcess agent;

    @BeforeAll
    static void startEverything() throws Exception {
        display = VirtualDisplay.start();
        vigil = VigilUnderTest.startConsole(work);
        agent = startAgent();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Cleanup.closeAll(agent, vigil, display);
    }

    @Test
    void aPublishedTermIsMatchedByTheConnectedAgentAndSurvivesItsRestart() throws Exception {
        String seeded = WordlistBundle.defaults().version();
        awaitDevicePolicy(seeded, Duration.ofSeconds(30));
        typeLineThenBarrier("we played lucky spin after school");
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = '" + NEW_TERM + "'"));

        Path edit = work.resolve("gambling.txt");
        Files.writeString(edit, WordlistBundle.defaults().files().get("gambling.txt") + "3 | " + NEW_TERM + "\n");
        long publishedAt = System.nanoTime();
        String said = vigil.command("wordlists", "edit", "gambling", "--file", edit.toString(), "--reason",
                "pupils talk about a new slot app");
        String published = said.strip().substring(said.strip().lastIndexOf(' ') + 1);
        awaitDevicePolicy(published, Duration.ofSeconds(30));
        System.err.println("E2E publish-to-agent-running-it: " + (System.nanoTime() - publishedAt) / 1_000_000
                + " ms (command start to the device's reported version; includes the command's JVM start and the"
                + " console's 2 s watch period)");

        typeLineThenBarrier("we played lucky spin after school");
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = '" + NEW_TERM
                + "' AND category = 'gambling'"));

        agent.close();
        assertTrue(Files.isRegularFile(work.resolve("agent").resolve("policy.bundle")));
        agent = startAgent();
        agent.awaitLine(line -> line.contains("last policy the console sent, version " + published),
                Duration.ofSeconds(60), "that it starts with the pushed policy");
    }

    private static RunningProcess startAgent() throws Exception {
        RunningProcess started = vigil.startAgent("agent", work.resolve("agent.properties").toFile().exists()
                ? work.resolve("agent.properties") : vigil.agentConfig("agent"), display);
        started.awaitLine(line -> line.contains("Vigil agent listening"), Duration.ofSeconds(60), "that it listens");
        return started;
    }

    /** Types the line, then a listed phrase; once the phrase's capture is stored, the line has been dealt with. */
    private static void typeLineThenBarrier(String line) throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'everyone hates you'");
        display.xdotool("type", "--delay", "10", line);
        display.xdotool("key", "Return");
        display.xdotool("type", "--delay", "10", "everyone hates you");
        display.xdotool("key", "Return");
        waitUntil(Duration.ofSeconds(20), "the barrier capture", () -> vigil.count(
                "SELECT COUNT(*) FROM captures WHERE matched_text = 'everyone hates you'") > before);
    }

    private static void awaitDevicePolicy(String version, Duration timeout) {
        try {
            waitUntil(timeout, "the device reporting policy " + version,
                    () -> devicePolicy().filter(version::equals).isPresent());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it reports " + devicePolicy().orElse("none"), e);
        }
    }

    private static Optional<String> devicePolicy() {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + vigil.consoleData().resolve("vigil.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT policy_version FROM devices WHERE revoked_at IS NULL ORDER BY enrolled_at DESC LIMIT 1");
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console's database", e);
        }
    }
}
