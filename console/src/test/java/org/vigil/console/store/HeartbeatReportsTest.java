package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A heartbeat flush of more devices than one transaction takes (split so that one instance's flush cannot lose to
 * another's over and over: bench fleet, ADR 0200's sibling finding), on both databases: every device's report
 * recorded, the revoked one refused wherever it falls.
 */
class HeartbeatReportsTest {
    @OnBothStores
    void aFlushOfMoreDevicesThanOneTransactionTakesRecordsEveryOneAndRefusesTheRevoked(StoreUnderTest store)
            throws Exception {
        Database database = store.open();
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        DeviceRepository devices = new DeviceRepository(database, Clock.systemUTC());
        int count = DeviceRepository.REPORTS_PER_TRANSACTION * 2 + 31;
        Map<String, DeviceReport> reports = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            devices.insert(new NewDevice("laptop-" + i, "hash", "host", "Linux", "1.0", "pupil", 1));
            reports.put("laptop-" + i, new DeviceReport("", "", "", i, 0, 0, "version-" + i));
        }
        String revoked = "laptop-" + (DeviceRepository.REPORTS_PER_TRANSACTION + 3);
        assertTrue(devices.revoke(revoked));

        Set<String> refused = devices.recordReports(reports);

        assertEquals(Set.of(revoked), refused);
        assertEquals(count - 1, count(database, "SELECT count(*) FROM devices WHERE last_seen_at IS NOT NULL"));
        assertEquals(count - 1, count(database, "SELECT count(*) FROM devices"
                + " WHERE policy_version = 'version-' || spool_depth"), "each device got its own report");
    }

    private static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
