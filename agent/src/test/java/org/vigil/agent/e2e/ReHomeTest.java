package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.spool.Spool;
import org.vigil.proto.WireNames;

/**
 * The console's data dir is replaced (a new server: new CA, empty database) and MDM hands the agent a config with
 * the new fingerprint and token: the real agent jar enrols with the new console and the hits it spooled meanwhile
 * arrive there.
 */
@Tag("e2e")
class ReHomeTest {
    private static final int SPOOLED = 3;

    @TempDir
    Path work;
    private VirtualDisplay display;
    private VigilUnderTest vigil;
    private RunningProcess agent;

    @AfterEach
    void stop() throws Exception {
        Cleanup.closeAll(agent, vigil, display);
    }

    @Test
    void hitsSpooledWhileTheConsoleWasReplacedArriveAtTheNewConsole() throws Exception {
        display = VirtualDisplay.start();
        vigil = VigilUnderTest.startConsole(work);
        agent = vigil.startAgent("agent", vigil.agentConfig("first"), display);
        agent.awaitLine(line -> line.contains("enrolled with the console"), Duration.ofSeconds(60), "its enrolment");
        agent.close();
        String firstCa = fingerprint(work.resolve("first.properties"));

        vigil.close();
        deleteTree(vigil.consoleData());
        Random random = new Random();
        try (Spool spool = Spool.open(work.resolve("agent"), Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES)) {
            for (int i = 0; i < SPOOLED; i++) {
                spool.append(SyntheticAgent.event(100 + i, 0, random));
            }
        }

        vigil = VigilUnderTest.startConsole(work);
        Path moved = vigil.agentConfig("moved");
        assertNotEquals(firstCa, fingerprint(moved), "the new console made a new CA");
        agent = vigil.startAgent("agent", moved, display);

        agent.awaitLine(line -> line.contains("moving to the new console"), Duration.ofSeconds(60), "the re-home");
        vigil.awaitCaptureCount(SPOOLED, Duration.ofSeconds(60));
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM devices"));
    }

    private static String fingerprint(Path config) throws IOException {
        return Files.readAllLines(config).stream().filter(line -> line.startsWith("console.ca.sha256="))
                .findFirst().orElseThrow();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
