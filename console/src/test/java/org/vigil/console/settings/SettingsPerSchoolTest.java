package org.vigil.console.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.SqlReads;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnderTest;

/**
 * Settings per school with trust-wide defaults (V41, ADR 0191) on SQLite and PostgreSQL: a school without its own
 * value follows the trust's, a school's own value wins and stays when the default moves, and every change names
 * its school in the audit log.
 */
class SettingsPerSchoolTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private final Session dsl = new Session("s", 1, "oak-dsl", Role.DSL, false, false, "csrf", Instant.now(),
            Instant.now(), true, true);

    @OnBothStores
    void aSchoolsOwnValueWinsOverTheTrustDefaultAndAnotherSchoolFollowsTheDefault(StoreUnderTest store) {
        try (Database database = store.open()) {
            Settings settings = new Settings(new SettingsRepository(database, CLOCK), new AuditLog(database, CLOCK),
                    database);
            School main = new SchoolRepository(database, CLOCK).findById(School.FIRST).orElseThrow();
            School oak = new SchoolRepository(database, CLOCK).create("oak", "Oak Academy").orElseThrow();

            assertTrue(settings.change("admin", Setting.RETENTION_FALSE_POSITIVE_DAYS, "60"));
            assertTrue(settings.change(dsl, oak, Setting.RETENTION_FALSE_POSITIVE_DAYS, "7"));
            assertTrue(settings.change(dsl, oak, Setting.NOTICE_TEXT, "Oak monitors school laptops."));
            assertFalse(settings.change(dsl, oak, Setting.NOTICE_TEXT, "Oak monitors school laptops."),
                    "the same value again changes nothing");

            assertEquals("7", settings.values(oak.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS));
            assertEquals("60", settings.values(main.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS));
            assertEquals("60", settings.values().get(Setting.RETENTION_FALSE_POSITIVE_DAYS), "the trust's default");
            assertEquals("Oak monitors school laptops.", settings.values(oak.id()).get(Setting.NOTICE_TEXT));
            assertEquals(SignInNoticeText.DEFAULT_TEXT, settings.values(main.id()).get(Setting.NOTICE_TEXT));
            assertEquals(Map.of(Setting.RETENTION_FALSE_POSITIVE_DAYS, "7", Setting.NOTICE_TEXT,
                    "Oak monitors school laptops."), settings.ownValues(oak.id()));
            assertEquals(Map.of(), settings.ownValues(main.id()));

            assertTrue(settings.change("admin", Setting.RETENTION_FALSE_POSITIVE_DAYS, "90"));
            assertEquals("7", settings.values(oak.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS),
                    "a school's own value stays when the default moves");
            assertEquals("90", settings.values(main.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS));

            assertTrue(settings.change(dsl, oak, Setting.TIME_ZONE, "Europe/Dublin"));
            assertEquals(ZoneId.of("Europe/Dublin"), settings.current(oak.id()).zone());
            assertEquals(ZoneId.of("Europe/London"), settings.current(main.id()).zone());

            assertTrue(settings.inherit(dsl, oak, Setting.RETENTION_FALSE_POSITIVE_DAYS));
            assertFalse(settings.inherit(dsl, oak, Setting.RETENTION_FALSE_POSITIVE_DAYS));
            assertEquals("90", settings.values(oak.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS),
                    "back to the trust's default");

            assertEquals(List.of("school oak (Oak Academy): 60 (the trust's) -> 7",
                    "school oak (Oak Academy): " + SignInNoticeText.DEFAULT_TEXT + " (the trust's) -> Oak monitors school"
                            + " laptops.",
                    "school oak (Oak Academy): Europe/London (the trust's) -> Europe/Dublin",
                    "school oak (Oak Academy): 7 -> the trust's default"),
                    details(database, "SELECT detail FROM audit_log WHERE action = 'settings.change'"
                            + " AND detail LIKE 'school oak%' ORDER BY id"));
        }
    }

    @OnBothStores
    void aSchoolCannotSetWhatIsTheConsolesOrAValueTheSettingRefuses(StoreUnderTest store) {
        try (Database database = store.open()) {
            Settings settings = new Settings(new SettingsRepository(database, CLOCK), new AuditLog(database, CLOCK),
                    database);
            School oak = new SchoolRepository(database, CLOCK).create("oak", "Oak Academy").orElseThrow();
            Session it = new Session("s", 1, "oak-it", Role.IT_ADMIN, false, false, "csrf", Instant.now(),
                    Instant.now(), true, true);
            assertThrows(InvalidRequest.class, () -> settings.change(dsl, oak, Setting.TERM_STARTS, "09-01,01-05,04-20"),
                    "the console's setting");
            assertThrows(InvalidRequest.class, () -> settings.change(dsl, oak, Setting.RETENTION_AUDIT_MONTHS, "24"),
                    "the audit log is one chain for the console");
            assertThrows(InvalidRequest.class, () -> settings.change(dsl, oak, Setting.DIGEST_TIME, "soon"));
            assertThrows(InvalidRequest.class, () -> settings.change(it, oak, Setting.RETENTION_SCREENSHOT_DAYS, "5"),
                    "IT may not change retention, at a school as on the trust");
            assertEquals(0, count(database, "SELECT count(*) FROM school_settings"), "nothing was stored");
            assertEquals(0, count(database, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"));
        }
    }

    @OnBothStores
    void aConsolesSettingsBeforeV41BecomeTheTrustDefaults(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("40")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO school_settings (key, value, updated_at, updated_by)"
                        + " VALUES ('retention.false_positive_days', '14', 0, 'dsl')");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            Settings settings = new Settings(new SettingsRepository(database, CLOCK), new AuditLog(database, CLOCK),
                    database);
            School oak = new SchoolRepository(database, CLOCK).create("oak", "Oak Academy").orElseThrow();
            assertEquals("14", settings.values().get(Setting.RETENTION_FALSE_POSITIVE_DAYS));
            assertEquals("14", settings.values(oak.id()).get(Setting.RETENTION_FALSE_POSITIVE_DAYS),
                    "a school added later follows what the console had");
            assertTrue(settings.change("admin", Setting.RETENTION_FALSE_POSITIVE_DAYS, "21"), "one trust row, updated");
            assertEquals(1, count(database, "SELECT count(*) FROM school_settings"));
        }
    }

    private static List<String> details(Database database, String sql) {
        return SqlReads.texts(database, sql);
    }

    private static long count(Database database, String sql) {
        return SqlReads.count(database, sql);
    }
}
