package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A writer's batch of captures stored in multi-row statements (ADR 0200), on both databases: each capture's outcome
 * in the batch's order, ids that name the right rows, and the report aggregates counting each stored capture once,
 * across more rows than one statement takes.
 */
class CaptureBatchesTest {
    private static final int BATCH = CaptureRepository.ROWS_PER_INSERT * 2 + 7;

    @OnBothStores
    void aBatchLongerThanOneStatementStoresEachNewCaptureOnceAndSaysWhatHappenedToEach(StoreUnderTest store)
            throws Exception {
        Database database = store.open();
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        DeviceRepository devices = new DeviceRepository(database, Clock.systemUTC());
        devices.insert(new NewDevice("laptop-1", "hash", "host", "Linux", "1.0", "pupil", 1));
        devices.insert(new NewDevice("laptop-2", "hash", "host", "Linux", "1.0", "pupil", 1));
        devices.insert(new NewDevice("laptop-lost", "hash", "host", "Linux", "1.0", "pupil", 1));
        assertTrue(devices.revoke("laptop-lost"));
        CaptureRepository captures = new CaptureRepository(database, new FileScreenshotStore(store.dir()),
                Clock.systemUTC(), NewCaptureHook.NONE);
        List<Long> told = new CopyOnWriteArrayList<>();
        captures.addListener(told::add);
        assertEquals(StoreOutcome.STORED, captures.storeIfAbsent(capture("laptop-1", "sent-before")));

        List<NewCapture> batch = new ArrayList<>();
        List<StoreOutcome> expected = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(capture(i % 2 == 0 ? "laptop-1" : "laptop-2", "event-" + i));
            expected.add(StoreOutcome.STORED);
        }
        batch.add(5, capture("laptop-1", "sent-before"));
        expected.add(5, StoreOutcome.ALREADY_STORED);
        batch.add(capture("laptop-1", "event-3")); // event-3 is laptop-2's: another device's event of that id
        expected.add(StoreOutcome.STORED);
        batch.add(capture("laptop-2", "event-3")); // the same event twice in one batch
        expected.add(StoreOutcome.ALREADY_STORED);
        batch.add(CaptureRepository.ROWS_PER_INSERT, capture("laptop-lost", "from-a-lost-laptop"));
        expected.add(CaptureRepository.ROWS_PER_INSERT, StoreOutcome.DEVICE_REVOKED);

        assertEquals(expected, captures.storeAllIfAbsent(batch));

        long stored = BATCH + 2;
        assertEquals(stored, count(database, "SELECT count(*) FROM captures"));
        assertEquals(stored, count(database, "SELECT sum(captures) FROM report_days"), "counted once each");
        assertEquals(0, count(database, "SELECT count(*) FROM captures WHERE device_id = 'laptop-lost'"));
        assertEquals(stored, told.size(), "listeners told of each new capture once");
        assertEquals(stored, told.stream().distinct().count());
        for (long id : told.subList(1, told.size())) {
            Capture row = captures.find(id).orElseThrow();
            assertEquals("context of " + row.eventId() + " from " + row.deviceId(), row.context(),
                    "the id names the row of that capture");
        }
        assertEquals(StoreOutcome.ALREADY_STORED, captures.storeIfAbsent(capture("laptop-1", "event-4")),
                "resent later");
    }

    private static NewCapture capture(String deviceId, String eventId) {
        return new NewCapture(eventId, deviceId, 1, 0, "pupil", "window", "app", "bullying", 3, "rule", "matched",
                "context of " + eventId + " from " + deviceId, 0, 7, "", Optional.empty());
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
