package org.vigil.console.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.NewDevice;

class HeartbeatRecorderTest {
    @TempDir
    Path dir;
    private DeviceRepository devices;

    @BeforeEach
    void database() {
        Database database = Database.open(dir.resolve("vigil.db"));
        devices = new DeviceRepository(database, Clock.systemUTC());
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        for (String id : new String[] {"laptop-1", "laptop-2"}) {
            devices.insert(new NewDevice(id, "hash", "host", "Linux", "1.0", "pupil", 1));
        }
    }

    @Test
    void aDevicesLaterHeartbeatWinsAndKeepsTheVersionAnEarlierOneNamed() throws Exception {
        try (LiveStreams live = new LiveStreams(devices, Duration.ofHours(1))) {
            HeartbeatRecorder recorder = new HeartbeatRecorder(devices, live, Duration.ofHours(1));
            recorder.record("laptop-1", new DeviceReport("", "", "", 5, 0, 0, "version-b"));
            recorder.record("laptop-1", new DeviceReport("", "", "", 2, 1, 0, ""));
            recorder.record("laptop-2", new DeviceReport("", "", "", 0, 0, 0, "version-a"));
            recorder.close();
        }
        assertEquals("2 1 version-b", row("laptop-1"));
        assertEquals("0 0 version-a", row("laptop-2"));
    }

    @Test
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

    private String row(String id) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vigil.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT spool_depth, screenshots_dropped, policy_version FROM devices WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1) + " " + rows.getLong(2) + " " + rows.getString(3);
            }
        }
    }
}
