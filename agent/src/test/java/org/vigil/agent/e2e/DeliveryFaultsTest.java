package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice: the real console jar and the real agent spool and delivery (fed synthetic events by
 * {@link SyntheticAgent}) as separate processes on loopback, through crashes, cuts and outages.
 */
@Tag("e2e")
class DeliveryFaultsTest {
    private static final Duration DRAIN = Duration.ofSeconds(90);

    @TempDir
    Path work;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void consoleKilledWithEventsInFlightThenRestartedHasEveryEventExactlyOnce() throws Exception {
        int port = freePort();
        VigilUnderTest console = started(VigilUnderTest.startConsole(work, port));
        Path config = console.agentConfig("agent");
        RunningProcess agent = started(VigilUnderTest.startSyntheticAgent(work, "agent", config, "--events", "1000"));
        String deviceId = deviceId(agent);

        awaitCaptures(console, deviceId, 100);
        console.kill();
        long beforeKill = captures(console, deviceId);
        assertTrue(beforeKill < 1000, "the kill came with events still in flight (" + beforeKill + " stored)");

        VigilUnderTest restarted = started(VigilUnderTest.startConsole(work, port));
        awaitCaptures(restarted, deviceId, 1000);
        agent.awaitLine("spool depth 0"::equals, DRAIN, "an empty spool");
        assertExactlyOnce(restarted, deviceId, 0, 1000);
    }

    @Test
    void connectionsCutAndStalledMidStreamLoseNothingAndDuplicateNothing() throws Exception {
        VigilUnderTest console = started(VigilUnderTest.startConsole(work));
        FlakyProxy proxy = started(new FlakyProxy(console.grpcPort()));
        Path config = pointAt(console.agentConfig("agent"), proxy.port());
        RunningProcess agent = started(VigilUnderTest.startSyntheticAgent(work, "agent", config, "--events", "1000"));
        String deviceId = deviceId(agent);

        AtomicBoolean chaos = new AtomicBoolean(true);
        Thread saboteur = new Thread(() -> {
            int round = 0;
            try {
                while (chaos.get()) {
                    Thread.sleep(700);
                    if (++round % 3 == 0) {
                        proxy.stall(true);
                        Thread.sleep(1000);
                        proxy.stall(false);
                    }
                    proxy.cutAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "saboteur");
        saboteur.start();
        try {
            awaitCaptures(console, deviceId, 1000);
            agent.awaitLine("spool depth 0"::equals, DRAIN, "an empty spool");
        } finally {
            chaos.set(false);
            saboteur.join();
        }
        assertTrue(agent.output().contains("cannot reach the console") || agent.output().contains("retrying in"),
                "the proxy really did cut the stream");
        assertExactlyOnce(console, deviceId, 0, 1000);
    }

    @Test
    void agentKilledBetweenSpoolingAndSendingSendsEverythingAfterRestart() throws Exception {
        VigilUnderTest console = started(VigilUnderTest.startConsole(work));
        Path config = console.agentConfig("agent");
        RunningProcess spooling = VigilUnderTest.startSyntheticAgent(work, "agent", config, "--events", "200", "--spool-only");
        spooling.awaitLine("spooled 200 events"::equals, DRAIN, "its events spooled");
        spooling.kill();

        RunningProcess agent = started(VigilUnderTest.startSyntheticAgent(work, "agent", config, "--events", "0"));
        String deviceId = deviceId(agent);
        awaitCaptures(console, deviceId, 200);
        assertExactlyOnce(console, deviceId, 0, 200);
    }

    @Test
    void aBacklogSpooledWhileTheConsoleIsDownDrainsInOrderWhenItComesUp() throws Exception {
        int port = freePort();
        Path config = enrolledThenConsoleDown(port, "");
        RunningProcess agent = started(VigilUnderTest.startSyntheticAgent(work, "agent", config,
                "--events", "300", "--first-seq", "1000"));
        agent.awaitLine("spooled 300 events"::equals, DRAIN, "its events spooled");
        agent.awaitLine(line -> line.contains("cannot reach the console"), DRAIN, "a failed connection");

        VigilUnderTest console = started(VigilUnderTest.startConsole(work, port));
        String deviceId = deviceIdFromDataDir();
        awaitCaptures(console, deviceId, 300);
        assertExactlyOnce(console, deviceId, 1000, 300);
        List<Long> arrival = seqsInArrivalOrder(console, deviceId);
        assertEquals(arrival.stream().sorted().toList(), arrival, "stored oldest first");
    }

    @Test
    void aFullSpoolDropsOldestScreenshotsFirstAndTheConsoleSeesTheCount() throws Exception {
        int port = freePort();
        Path config = enrolledThenConsoleDown(port, "spool.max.mb=1\n");
        RunningProcess agent = started(VigilUnderTest.startSyntheticAgent(work, "agent", config,
                "--events", "20", "--screenshot-bytes", "200000"));
        agent.awaitLine("spooled 20 events"::equals, DRAIN, "its events spooled");

        VigilUnderTest console = started(VigilUnderTest.startConsole(work, port));
        String deviceId = deviceIdFromDataDir();
        awaitCaptures(console, deviceId, 20);
        assertExactlyOnce(console, deviceId, 0, 20);
        long withScreenshot = console.count("SELECT count(*) FROM captures WHERE screenshot_sha256 IS NOT NULL");
        assertTrue(withScreenshot >= 1 && withScreenshot < 20, withScreenshot + " of 20 kept their screenshot");
        assertEquals(0, console.count("SELECT count(*) FROM captures WHERE screenshot_sha256 IS NOT NULL AND seq < "
                + "(SELECT max(seq) FROM captures WHERE screenshot_sha256 IS NULL)"), "the oldest screenshots went first");
        // the console knows how many screenshots were dropped
        awaitValue(console, "SELECT screenshots_dropped FROM devices", 20 - withScreenshot);
    }

    /** Enrols an agent with a console on {@code port}, stops both, returns the agent's config (plus extra lines). */
    private Path enrolledThenConsoleDown(int port, String extraConfig) throws Exception {
        VigilUnderTest console = VigilUnderTest.startConsole(work, port);
        try {
            Path config = console.agentConfig("agent");
            Files.writeString(config, Files.readString(config) + extraConfig);
            try (RunningProcess enrolling = VigilUnderTest.startSyntheticAgent(work, "agent", config, "--events", "0")) {
                deviceId(enrolling);
                enrolling.awaitLine("spool depth 0"::equals, DRAIN, "its first report");
            }
            return config;
        } finally {
            console.close();
        }
    }

    private String deviceIdFromDataDir() throws IOException {
        return Files.readAllLines(work.resolve("agent").resolve("device.properties")).stream()
                .filter(line -> line.startsWith("device.id="))
                .map(line -> line.substring("device.id=".length()))
                .findFirst().orElseThrow();
    }

    private static String deviceId(RunningProcess agent) throws InterruptedException {
        return agent.awaitLine(line -> line.startsWith("device "), DRAIN, "enrolment").substring("device ".length());
    }

    private static Path pointAt(Path config, int port) throws IOException {
        Files.writeString(config, Files.readString(config)
                .replaceAll("(?m)^console\\.address=.*$", "console.address=127.0.0.1:" + port));
        return config;
    }

    private <T extends AutoCloseable> T started(T thing) {
        running.add(thing);
        return thing;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long captures(VigilUnderTest console, String deviceId) {
        try {
            return query(console, "SELECT count(*) FROM captures WHERE device_id = ?", deviceId).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console's database", e);
        }
    }

    private static void awaitCaptures(VigilUnderTest console, String deviceId, long atLeast) {
        try {
            waitUntil(DRAIN, atLeast + " captures from device " + deviceId,
                    () -> captures(console, deviceId) >= atLeast);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the console holds " + captures(console, deviceId), e);
        }
    }

    private static void awaitValue(VigilUnderTest console, String sql, long expected) {
        try {
            waitUntil(DRAIN, sql + " to give " + expected, () -> console.count(sql) == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it gives " + console.count(sql), e);
        }
    }

    /** The device's captures are exactly seq first..first+n-1, each once. */
    private static void assertExactlyOnce(VigilUnderTest console, String deviceId, long first, int n)
            throws SQLException {
        List<Long> row = query(console, "SELECT count(*), count(DISTINCT seq), min(seq), max(seq), count(DISTINCT"
                + " event_id) FROM captures WHERE device_id = ?", deviceId);
        assertEquals(List.of((long) n, (long) n, first, first + n - 1, (long) n), row,
                "count, distinct seqs, min seq, max seq, distinct event ids");
    }

    /** The device's capture seqs in the order the console stored them. */
    private static List<Long> seqsInArrivalOrder(VigilUnderTest console, String deviceId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + console.consoleData().resolve("vigil.db"));
             PreparedStatement statement = db.prepareStatement(
                     "SELECT seq FROM captures WHERE device_id = ? ORDER BY id")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getLong(1));
                }
            }
        }
        return out;
    }

    private static List<Long> query(VigilUnderTest console, String sql, String deviceId) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + console.consoleData().resolve("vigil.db"));
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                List<Long> out = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    out.add(rows.getLong(i));
                }
                return out;
            }
        }
    }
}
