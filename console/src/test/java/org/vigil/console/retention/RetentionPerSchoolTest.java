package org.vigil.console.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.SqlReads;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.testing.SettableClock;

/**
 * The retention purge on a console of two schools (ADR 0191), on SQLite and PostgreSQL: each school's captures go
 * by that school's own period, the other's by the trust's default, a legal hold still wins, and each tombstone
 * names its school.
 */
class RetentionPerSchoolTest {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final byte[] ONE_PIXEL_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @OnBothStores
    void eachSchoolsCapturesGoByThatSchoolsOwnPeriodAndAHoldStillWins(StoreUnderTest store) {
        SettableClock clock = new SettableClock(START);
        try (Database database = store.open()) {
            SchoolRepository schools = new SchoolRepository(database, clock);
            School main = schools.findById(School.FIRST).orElseThrow();
            School oak = schools.create("oak", "Oak Academy").orElseThrow();
            AuditLog audit = new AuditLog(database, clock);
            Settings settings = new Settings(new SettingsRepository(database, clock), audit, database);
            settings.change("oak-dsl", oak, Setting.RETENTION_FALSE_POSITIVE_DAYS, "7");
            settings.change("oak-dsl", oak, Setting.RETENTION_SCREENSHOT_DAYS, "5");
            CaptureRepository captures = new CaptureRepository(database,
                    new FileScreenshotStore(store.dir().resolve("screenshots")), clock, NewCaptureHook.NONE);
            device(database, clock, "dev-main", main);
            device(database, clock, "dev-oak", oak);
            long mainFalse = capture(database, captures, "dev-main", "main-1");
            long oakFalse = capture(database, captures, "dev-oak", "oak-1");
            long oakHeld = capture(database, captures, "dev-oak", "oak-2");
            long oakDecidedLater = capture(database, captures, "dev-oak", "oak-3");
            for (long id : List.of(mainFalse, oakFalse, oakHeld)) {
                sql(database, "UPDATE captures SET status = 'FALSE_POSITIVE', status_changed_at = "
                        + START.toEpochMilli() + " WHERE id = " + id);
            }
            sql(database, "UPDATE captures SET status = 'NO_FURTHER_ACTION', status_changed_at = "
                    + START.toEpochMilli() + " WHERE id = " + oakDecidedLater);
            sql(database, "INSERT INTO legal_holds (scope, target, reason, placed_by, placed_at) VALUES ('CAPTURE', '"
                    + oakHeld + "', 'police enquiry', 'oak-dsl', 0)");

            clock.set(START.plus(Duration.ofDays(10)));
            PurgeReport report = new RetentionPurge(new RetentionRepository(database, clock),
                    new FileScreenshotStore(store.dir().resolve("screenshots")), settings, schools::list, audit,
                    database, clock).run("retention");

            assertEquals(List.of(mainFalse, oakHeld, oakDecidedLater), ids(database,
                    "SELECT id FROM captures ORDER BY id"), "oak's false positive went after oak's 7 days; main's"
                    + " stays for the trust's 30; the held one stays");
            assertEquals(1, report.captures());
            assertEquals(1, report.capturesByRule().get("school oak: false positive after 7 days"));
            assertEquals(0, report.capturesByRule().get("school main: false positive after 30 days"));
            assertEquals(List.of(oakDecidedLater), ids(database, "SELECT id FROM captures WHERE screenshot_sha256 IS"
                    + " NULL ORDER BY id"), "oak's decided capture lost its screenshot after oak's 5 days, not the"
                    + " held one, nor main's (the trust's 90)");
            assertEquals(1, count(database, "SELECT count(*) FROM audit_log WHERE action = 'retention.purge'"
                    + " AND detail = 'school oak: 1 captures deleted: false positive after 7 days'"));
            assertEquals(1, count(database, "SELECT count(*) FROM audit_log WHERE action = 'retention.purge'"
                    + " AND detail = 'school oak: 1 screenshots removed from decided captures after 5 days'"));

            clock.set(START.plus(Duration.ofDays(31)));
            new RetentionPurge(new RetentionRepository(database, clock),
                    new FileScreenshotStore(store.dir().resolve("screenshots")), settings, schools::list, audit,
                    database, clock).run("retention");
            assertEquals(List.of(oakHeld, oakDecidedLater), ids(database, "SELECT id FROM captures ORDER BY id"),
                    "main's went after the trust's 30 days");
        }
    }

    private static void device(Database database, SettableClock clock, String id, School school) {
        long token = new EnrolmentTokenRepository(database, clock)
                .mintWithId(Duration.ofDays(1), id, Optional.empty(), school.id()).id();
        new DeviceRepository(database, clock).insert(new NewDevice(id, "x", "laptop", "Linux", "1", "pupil", token));
    }

    private static long capture(Database database, CaptureRepository captures, String device, String eventId) {
        captures.storeIfAbsent(new NewCapture(eventId, device, 1, START.toEpochMilli(), "pupil", "w", "app", "drugs",
                3, "r", "m", "c m", 2, 3, "x", Optional.of(new ScreenshotImage(ONE_PIXEL_PNG, "image/png", 1, 1))));
        return count(database, "SELECT id FROM captures WHERE event_id = '" + eventId + "'");
    }

    private static void sql(Database database, String sql) {
        database.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate(sql);
            }
        });
    }

    private static List<Long> ids(Database database, String sql) {
        return SqlReads.longs(database, sql);
    }

    private static long count(Database database, String sql) {
        return SqlReads.count(database, sql);
    }
}
