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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigil.console.audit.AuditChainCheck;
import org.vigil.console.audit.AuditChainReport;

/**
 * What the repositories relied on SQLite's one-writer-at-a-time for, done by many threads at once on both databases
 * (ADR 0170): on PostgreSQL they hold because every unit of work is a SERIALIZABLE transaction, run again when a
 * concurrent one wins.
 */
class ConcurrentWritersTest {
    private static final int THREADS = 8;

    @OnBothStores
    void auditEntriesWrittenAtOnceFormOneUnbrokenChain(StoreUnderTest store) throws Exception {
        Database database = store.open();
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        int each = 15;
        all(THREADS, thread -> {
            for (int i = 0; i < each; i++) {
                audit.record("user" + thread, "test.concurrent", "entry:" + thread + ":" + i);
            }
            return null;
        });
        AuditChainReport report = new AuditChainCheck(audit).run();
        assertTrue(report.intact(), report.describe());
        assertEquals(THREADS * each, report.checked());
        assertEquals(THREADS * each, count(database, "SELECT count(*) FROM audit_log"));
    }

    @OnBothStores
    void devicesEnrollingAtOnceTakeNoMorePlacesThanTheTokenHas(StoreUnderTest store) throws Exception {
        Database database = store.open();
        EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(database, Clock.systemUTC());
        DeviceRepository devices = new DeviceRepository(database, Clock.systemUTC());
        String token = tokens.mint(Duration.ofDays(1), "capped");
        database.withConnection(c -> {
            try (PreparedStatement cap = c.prepareStatement("UPDATE enrolment_tokens SET max_devices = 3")) {
                return cap.executeUpdate();
            }
        });
        AtomicInteger enrolled = new AtomicInteger();
        all(THREADS, thread -> {
            Optional<Long> id = tokens.enrolWith(token, tokenId -> devices.insert(
                    new NewDevice("laptop-" + thread, "hash", "host", "Linux", "1.0", "pupil", tokenId)));
            if (id.isPresent()) {
                enrolled.incrementAndGet();
            }
            return null;
        });
        assertEquals(3, enrolled.get(), "three places, three enrolled");
        assertEquals(3, count(database, "SELECT count(*) FROM devices"));
    }

    @OnBothStores
    void theSameEventSentOnSeveralStreamsAtOnceIsStoredOnce(StoreUnderTest store) throws Exception {
        Database database = store.open();
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        new DeviceRepository(database, Clock.systemUTC())
                .insert(new NewDevice("laptop-1", "hash", "host", "Linux", "1.0", "pupil", 1));
        CaptureRepository captures = new CaptureRepository(database, new FileScreenshotStore(store.dir()),
                Clock.systemUTC(), NewCaptureHook.NONE);
        List<StoreOutcome> outcomes = all(THREADS, thread -> captures.storeIfAbsent(new NewCapture("event-1",
                "laptop-1", 1, 0, "pupil", "window", "app", "bullying", 3, "rule", "matched", "context", 0, 7, "",
                Optional.empty())));
        assertEquals(1, outcomes.stream().filter(o -> o == StoreOutcome.STORED).count(), outcomes.toString());
        assertEquals(THREADS - 1, outcomes.stream().filter(o -> o == StoreOutcome.ALREADY_STORED).count());
        assertEquals(1, count(database, "SELECT count(*) FROM captures"));
        assertEquals(1, count(database, "SELECT sum(captures) FROM report_days"), "the aggregates counted it once");
    }

    @OnBothStores
    void aCounterIncrementedAtOnceLosesNoIncrement(StoreUnderTest store) throws Exception {
        Database database = store.open();
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO devices (id, secret_sha256, hostname, os,"
                    + " agent_version, os_user, enrolled_at) VALUES ('d', 'x', 'h', 'linux', '1', 'u', 0)")) {
                return insert.executeUpdate();
            }
        });
        int each = 20;
        all(THREADS, thread -> {
            for (int i = 0; i < each; i++) {
                // read, then write what was read plus one: the pattern SQLite's one writer made safe
                database.inTransaction(c -> {
                    long now;
                    try (PreparedStatement read = c.prepareStatement(
                            "SELECT events_rejected FROM devices WHERE id = 'd'"); ResultSet rows = read.executeQuery()) {
                        rows.next();
                        now = rows.getLong(1);
                    }
                    try (PreparedStatement write = c.prepareStatement(
                            "UPDATE devices SET events_rejected = ? WHERE id = 'd'")) {
                        write.setLong(1, now + 1);
                        return write.executeUpdate();
                    }
                });
            }
            return null;
        });
        assertEquals(THREADS * each, count(database, "SELECT events_rejected FROM devices WHERE id = 'd'"));
    }

    /** Runs the work on that many threads released at the same moment; returns each one's result. */
    private static <T> List<T> all(int threads, ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return work.run(thread);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(Database database, String sql) {
        return database.withConnection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @FunctionalInterface
    private interface ThreadWork<T> {
        T run(int thread) throws Exception;
    }
}
