package org.vigil.console.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.SettingsRepository;

/** The school's settings over a real SQLite file: typed defaults, checked values, an audit row per change. */
class SettingsTest {
    @TempDir
    Path dir;
    private Database database;
    private AuditLog audit;
    private Settings settings;
    private final Session dsl = session("dsl1", Role.DSL, false);

    @BeforeEach
    void open(StoreUnderTest store) {
        Clock clock = Clock.systemUTC();
        database = store.open();
        audit = new AuditLog(database, clock);
        settings = new Settings(new SettingsRepository(database, clock), audit, database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnBothStores
    void aNewConsoleHasTheDefaultsTheIssueAsksFor() {
        SchoolSettings current = settings.current();
        assertEquals(ZoneId.of("Europe/London"), current.zone());
        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), current.schoolDays());
        assertEquals(LocalTime.of(8, 0), current.digestTime());
        assertEquals(Duration.ofMinutes(15), current.escalationAfter());
        assertEquals(Duration.ofMinutes(15), current.silentDeviceAfter());
        assertTrue(current.pupilNamesInAlerts());
        assertTrue(current.smtpUrl().isEmpty());
    }

    @OnBothStores
    void aChangeIsStoredNormalisedAndAuditedWithOldAndNewValue() {
        assertTrue(settings.change(dsl, Setting.SCHOOL_DAYS, "friday, mon tue"));
        assertTrue(settings.change(dsl, Setting.DIGEST_TIME, "07:30"));

        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.FRIDAY), settings.current().schoolDays());
        assertEquals(LocalTime.of(7, 30), settings.current().digestTime());
        List<AuditEntry> entries = audit.page(10, Long.MAX_VALUE);
        assertEquals("settings.change", entries.get(1).action());
        assertEquals("school.days", entries.get(1).target());
        assertEquals("MON,TUE,WED,THU,FRI -> MON,TUE,FRI", entries.get(1).detail());
        assertEquals("08:00 -> 07:30", entries.get(0).detail());
    }

    @OnBothStores
    void settingTheValueInForceChangesNothingAndAuditsNothing() {
        assertFalse(settings.change(dsl, Setting.ESCALATION_MINUTES, " 15 "));
        assertEquals(List.of(), audit.page(10, Long.MAX_VALUE));
    }

    @OnBothStores
    void aBadValueIsRefusedWithWhatIsWrongAndNothingChanges() {
        InvalidRequest zone = assertThrows(InvalidRequest.class,
                () -> settings.change(dsl, Setting.TIME_ZONE, "Europe/Narnia"));
        assertTrue(zone.getMessage().contains("not a time zone"), zone.getMessage());
        assertThrows(InvalidRequest.class, () -> settings.change(dsl, Setting.ESCALATION_MINUTES, "0"));
        assertThrows(InvalidRequest.class, () -> settings.change(dsl, Setting.ESCALATION_MINUTES, "ten"));
        assertThrows(InvalidRequest.class, () -> settings.change(dsl, Setting.SCHOOL_DAYS, "funday"));
        assertThrows(InvalidRequest.class, () -> settings.change(dsl, Setting.DIGEST_TIME, "25:00"));
        assertEquals(SchoolSettings.defaults(), settings.current());
        assertEquals(List.of(), audit.page(10, Long.MAX_VALUE));
    }

    @OnBothStores
    void aRoleThatMayNotChangeASettingIsRefusedButAnAdminMay() {
        Session viewer = session("gov1", Role.VIEWER, false);
        assertThrows(InvalidRequest.class, () -> settings.change(viewer, Setting.TIME_ZONE, "UTC"));
        assertThrows(InvalidRequest.class, () -> settings.change(dsl, Setting.SMTP_URL, "smtp://relay:25"));

        assertTrue(settings.change(session("admin", Role.VIEWER, true), Setting.TIME_ZONE, "UTC"));
        assertEquals(ZoneId.of("UTC"), settings.current().zone());
    }

    @OnBothStores
    void aSecretSettingIsAuditedWithoutItsValueAndListenersHearOfEachChange() {
        AtomicInteger heard = new AtomicInteger();
        settings.onChange(heard::incrementAndGet);
        Session it = session("it1", Role.IT_ADMIN, false);

        settings.change(it, Setting.SMTP_URL, "smtps://vigil:Secret-pass@smtp.example:465");
        settings.change(it, Setting.SMTP_URL, "");

        assertEquals(2, heard.get());
        List<AuditEntry> entries = audit.page(10, Long.MAX_VALUE);
        assertEquals("changed (cleared)", entries.get(0).detail());
        assertEquals("changed", entries.get(1).detail());
        assertTrue(settings.current().smtpUrl().isEmpty());
    }

    private static Session session(String name, Role role, boolean admin) {
        return new Session("s-" + name, 1, name, role, admin, false, "csrf",
                Instant.now(), Instant.now(), true, true);
    }
}
