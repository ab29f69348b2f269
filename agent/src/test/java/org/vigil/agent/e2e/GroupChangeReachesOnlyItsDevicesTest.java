package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Two real agents on one display, enrolled by MDM into different groups (KS2 and Staff): both hear the same typing.
 * IT publishes a change to KS2's lists with the console's command; the KS2 laptop switches version and the typed
 * line becomes a capture from it, while the Staff laptop is sent nothing, keeps its version and stays quiet.
 */
@Tag("e2e")
class GroupChangeReachesOnlyItsDevicesTest {
    private static final String NEW_TERM = "lucky spin";
    private static final String LINE = "we played lucky spin after school";
    private static final String BARRIER = "everyone hates you";

    @TempDir
    static Path work;
    private static VirtualDisplay display;
    private static VigilUnderTest vigil;
    private static RunningProcess ks2Laptop;
    private static RunningProcess staffLaptop;

    @BeforeAll
    static void startEverything() throws Exception {
        display = VirtualDisplay.start();
        vigil = VigilUnderTest.startConsole(work);
        publishGroup("ks2", "# KS2: pupils aged 7 to 11\n");
        publishGroup("staff", "# Staff laptops\n");
        ks2Laptop = startAgent("ks2-laptop", "ks2");
        staffLaptop = startAgent("staff-laptop", "staff");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Cleanup.closeAll(ks2Laptop, staffLaptop, vigil, display);
    }

    @Test
    void aChangeToOneGroupsListsIsMatchedByItsDeviceAndNotByADeviceInAnotherGroup() throws Exception {
        String unchanged = WordlistBundle.defaults().version();
        awaitGroupPolicy("ks2", unchanged, Duration.ofSeconds(30));
        awaitGroupPolicy("staff", unchanged, Duration.ofSeconds(30));
        typeLineThenBarrier();
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = '" + NEW_TERM + "'"));

        String ks2File = "# KS2: pupils aged 7 to 11\nadd gambling | 3 | " + NEW_TERM + "\n";
        String expected = WordlistBundle.defaults().with("groups/ks2.txt", ks2File).with("groups/staff.txt",
                "# Staff laptops\n").forGroup(Optional.of("ks2")).version();
        long publishedAt = System.nanoTime();
        publishGroup("ks2", ks2File);
        awaitGroupPolicy("ks2", expected, Duration.ofSeconds(30));
        System.err.println("E2E group-publish-to-agent-running-it: " + (System.nanoTime() - publishedAt) / 1_000_000
                + " ms (command start to the KS2 device's reported version)");

        typeLineThenBarrier();
        assertEquals(1, capturesOfTheNewTerm("ks2"), "the KS2 laptop matches the group's new term");
        assertEquals(0, capturesOfTheNewTerm("staff"), "the Staff laptop does not");
        assertEquals(unchanged, groupPolicy("staff"));
        assertNotEquals(unchanged, expected);
        assertFalse(staffLaptop.output().contains("now matching with policy version"),
                "the Staff laptop was sent no policy");
    }

    private static void publishGroup(String group, String text) throws Exception {
        Path file = work.resolve(group + ".txt");
        Files.writeString(file, text);
        vigil.command("wordlists", "group", group, "--file", file.toString(), "--reason", "e2e");
    }

    private static RunningProcess startAgent(String name, String group) throws Exception {
        RunningProcess started = vigil.startAgent(name, vigil.agentConfig(name, "--group", group), display);
        started.awaitLine(line -> line.contains("Vigil agent listening"), Duration.ofSeconds(60), "that it listens");
        return started;
    }

    /** Types the line, then a listed phrase; once both laptops' captures of it are stored, the line is dealt with. */
    private static void typeLineThenBarrier() throws Exception {
        String count = "SELECT COUNT(*) FROM captures WHERE matched_text = '" + BARRIER + "'";
        long before = vigil.count(count);
        display.xdotool("type", "--delay", "10", LINE);
        display.xdotool("key", "Return");
        display.xdotool("type", "--delay", "10", BARRIER);
        display.xdotool("key", "Return");
        waitUntil(Duration.ofSeconds(20), "the barrier captures from both laptops",
                () -> vigil.count(count) >= before + 2);
    }

    private static long capturesOfTheNewTerm(String group) throws SQLException {
        return vigil.count("SELECT COUNT(*) FROM captures c JOIN devices d ON d.id = c.device_id"
                + " WHERE c.matched_text = '" + NEW_TERM + "' AND c.category = 'gambling' AND d.policy_group = '"
                + group + "'");
    }

    private static void awaitGroupPolicy(String group, String version, Duration timeout) {
        try {
            waitUntil(timeout, "the " + group + " device reporting policy " + version,
                    () -> version.equals(groupPolicy(group)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it reports " + groupPolicy(group), e);
        }
    }

    private static String groupPolicy(String group) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + vigil.consoleData().resolve("vigil.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT policy_version FROM devices WHERE policy_group = ? AND revoked_at IS NULL")) {
            query.setString(1, group);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console's database", e);
        }
    }
}
