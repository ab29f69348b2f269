package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent jar refuses an impostor console, and the real console refuses a forged device. */
@Tag("e2e")
class RefusalsTest {
    @TempDir
    static Path work;
    private static VirtualDisplay display;
    private static VigilUnderTest vigil;

    @BeforeAll
    static void startConsole() throws Exception {
        display = VirtualDisplay.start();
        vigil = VigilUnderTest.startConsole(work);
    }

    @AfterAll
    static void stop() throws Exception {
        Cleanup.closeAll(vigil, display);
    }

    @Test
    void anAgentPinnedToAnotherCaRefusesTheConsoleAndDoesNotEnrol() throws Exception {
        Path config = vigil.agentConfig("wrong-pin");
        String otherCa = "AB:".repeat(31) + "AB";
        String text = Files.readString(config).replaceAll("(?m)^console\\.ca\\.sha256=.*$", "console.ca.sha256=" + otherCa);
        Files.writeString(config, text);

        try (RunningProcess agent = vigil.startAgent("wrong-pin", config, display)) {
            String refusal = agent.awaitLine(line -> line.contains("is not issued by the pinned CA"), Duration.ofSeconds(30),
                    "a refusal of the console's certificate");
            assertTrue(refusal.contains("expected CA fingerprint " + otherCa), refusal);
            assertTrue(agent.isAlive(), "a refused console is retried later, not a reason to stop monitoring");
        }
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM devices"), "no device enrolled through an unverified console");
        assertTrue(Files.notExists(work.resolve("wrong-pin").resolve("device.properties")));
    }

    @Test
    void aForgedDeviceCredentialIsRefusedWithAClearMessage() throws Exception {
        Path dataDir = work.resolve("forged");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("device.properties"),
                "device.id=" + UUID.randomUUID() + "\ndevice.secret=forged-secret-forged-secret-forged-secret\n");
        long devicesBefore = vigil.count("SELECT COUNT(*) FROM devices");

        // without a token in its config, so the agent cannot enrol again (issue 11) and the refusal stays
        Path config = vigil.agentConfig("forged");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^enrolment\\.token=.*$", ""));

        try (RunningProcess agent = vigil.startAgent("forged", config, display)) {
            String refusal = agent.awaitLine(line -> line.contains("refused device"),
                    Duration.ofSeconds(30), "the console's refusal of its credentials");
            assertTrue(refusal.contains("device credentials are not recognised"), refusal);
            assertTrue(refusal.contains("no enrolment.token"), refusal);
        }
        assertEquals(devicesBefore, vigil.count("SELECT COUNT(*) FROM devices"));
    }
}
