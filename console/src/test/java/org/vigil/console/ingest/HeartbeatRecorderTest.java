package org.vigil.console.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.NewDevice;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;

class HeartbeatRecorderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private DeviceRepository devices;
    private final List<String> fatal = new CopyOnWriteArrayList<>();

    private Database database;

    @BeforeEach
    void database(StoreUnderTest store) {
        database = store.open();
        devices = new DeviceRepository(database, Clock.systemUTC());
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        for (String id : new String[] {"laptop-1", "laptop-2"}) {
            devices.insert(new NewDevice(id, "hash", "host", "Linux", "1.0", "pupil", 1));
        }
    }

    @OnBothStores
    void aDevicesLaterHeartbeatWinsAndKeepsTheVersionAnEarlierOneNamed() throws Exception {
        try (Supervisor supervisor = new Supervisor((worker, cause) -> fatal.add(worker), Clock.systemUTC());
             LiveStreams live = new LiveStreams(devices, Duration.ofHours(1), supervisor)) {
            HeartbeatRecorder recorder = new HeartbeatRecorder(devices, live, Duration.ofHours(1), supervisor);
            recorder.record("laptop-1", new DeviceReport("", "", "", 5, 0, 0, "version-b"));
            recorder.record("laptop-1", new DeviceReport("", "", "", 2, 1, 0, ""));
            recorder.record("laptop-2", new DeviceReport("", "", "", 0, 0, 0, "version-a"));
            recorder.close();
        }
        assertEquals("2 1 version-b", row("laptop-1"));
        assertEquals("0 0 version-a", row("laptop-2"));
    }

    @OnBothStores
    void aWriteThatFailsIsCountedAndTheNextPeriodWritesAsUsual(StoreUnderTest store) throws Exception {
        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            statement.execute(store.kind() == StoreUnderTest.Kind.SQLITE
                    ? "CREATE TRIGGER refuse_spool_666 BEFORE UPDATE ON devices WHEN NEW.spool_depth = 666"
                            + " BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
                    : "CREATE TRIGGER refuse_spool_666 BEFORE UPDATE ON devices FOR EACH ROW"
                            + " WHEN (NEW.spool_depth = 666) EXECUTE FUNCTION vigil_refuse('the disk is full')");
        }
        try (Supervisor supervisor = new Supervisor((worker, cause) -> fatal.add(worker), Clock.systemUTC());
             LiveStreams live = new LiveStreams(devices, Duration.ofHours(1), supervisor)) {
            HeartbeatRecorder recorder = new HeartbeatRecorder(devices, live, Duration.ofMillis(20), supervisor);
            recorder.record("laptop-1", new DeviceReport("", "", "", 666, 0, 0, "version-a"));
            waitUntil(WAIT, "the failed write is counted", () -> heartbeats(supervisor).failures() == 1);

            recorder.record("laptop-1", new DeviceReport("", "", "", 4, 0, 0, "version-b"));
            waitUntil(WAIT, "the next heartbeat is written", () -> row("laptop-1").equals("4 0 version-b"));
            WorkerHealth health = heartbeats(supervisor);
            assertEquals(WorkerHealth.State.RUNNING, health.state());
            assertTrue(health.lastFailure().orElseThrow().startsWith("org.vigil.console.store.StoreException"),
                    health.lastFailure().orElseThrow());
            recorder.close();
        }
        assertEquals(List.of(), fatal);
    }

    @OnBothStores
    void aBatchRecordsLiveDevicesAndNamesTheRevokedOnes() throws Exception {
        devices.revoke("laptop-2");
        Set<String> refused = devices.recordReports(Map.of(
                "laptop-1", new DeviceReport("", "", "", 3, 0, 0, "version-c"),
                "laptop-2", new DeviceReport("", "", "", 9, 9, 9, "version-c"),
                "no-such-laptop", new DeviceReport("", "", "", 0, 0, 0, "")));
        assertEquals(Set.of("laptop-2", "no-such-laptop"), refused);
        assertEquals("3 0 version-c", row("laptop-1"));
        assertEquals("null 0 null", row("laptop-2"), "nothing is recorded for a revoked device");
    }

    private static WorkerHealth heartbeats(Supervisor supervisor) {
        return supervisor.health().stream().filter(worker -> worker.name().equals("vigil-heartbeats")).findFirst()
                .orElseThrow();
    }

    private String row(String id) {
        try (Connection db = database.connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT spool_depth, screenshots_dropped, policy_version FROM devices WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1) + " " + rows.getLong(2) + " " + rows.getString(3);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
