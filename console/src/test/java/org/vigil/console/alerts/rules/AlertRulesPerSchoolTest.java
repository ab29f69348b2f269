package org.vigil.console.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.SqlReads;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.UserRepository;

/**
 * Alert rules, rota and school hours per school with the trust's as defaults (V52, ADR 0204) on SQLite and
 * PostgreSQL: a school with nothing of its own has the trust's book; its own rules are read before the trust's
 * (overriding and adding), its own rota and hours replace the trust's, another school is untouched, removing the
 * school's own brings the trust's back, and every change of a school's names it in the audit log.
 */
class AlertRulesPerSchoolTest {
    private static final Clock CLOCK = Clock.systemUTC();
    /** Monday 30 November 2026, 10:00 in London: school hours by the trust's 08:30-15:30. */
    private static final Instant MONDAY_TEN = Instant.parse("2026-11-30T10:00:00Z");
    /** Monday 08:40: in the trust's school hours, not in oak's own 09:00-15:00. */
    private static final Instant MONDAY_EIGHT_FORTY = Instant.parse("2026-11-30T08:40:00Z");

    @OnBothStores
    void aSchoolsOwnRulesRotaAndHoursOverrideTheTrustsForItAloneAndGoAgainWhenRemoved(StoreUnderTest store) {
        try (Database database = store.open()) {
            World world = new World(database);
            School oak = world.oak;
            Optional<School> atOak = Optional.of(oak);
            long mainDsl = world.user("main-dsl", School.FIRST);
            long oakDsl = world.user("oak-dsl", oak.id());
            List<AlertRule> trustRules = world.books().current().rules();
            assertEquals(3, trustRules.size(), "the migrations' three rules are the trust's");
            assertEquals(trustRules, world.books().current(oak.id()).rules(), "a new school has the trust's rules");

            world.editor().addRota("admin", EnumSet.of(DayOfWeek.MONDAY), "00:00", "00:00", "1", mainDsl);
            long oakRule = world.editor().addRule("oak-dsl", atOak, draft("1", "3", "3", "bullying", "NOW", "ROTA"));
            long oakBand = world.editor().addRota("oak-dsl", atOak, EnumSet.of(DayOfWeek.MONDAY), "00:00", "00:00",
                    "1", oakDsl).get(0);
            world.editor().setSchoolHours("oak-dsl", atOak, "09:00", "15:00");

            RuleBook oakBook = world.books().current(oak.id());
            RuleBook mainBook = world.books().current(School.FIRST);
            assertEquals(4, oakBook.rules().size(), "oak's own rule, then the trust's three");
            assertEquals(oakRule, oakBook.rules().get(0).id());
            assertEquals(RuleAction.NOW, oakBook.ruleFor(3, "bullying", MONDAY_TEN).orElseThrow().action(),
                    "oak's rule overrides the trust's digest rule at oak");
            assertEquals(RuleAction.DIGEST, mainBook.ruleFor(3, "bullying", MONDAY_TEN).orElseThrow().action(),
                    "main still reads the trust's rules");
            assertEquals(RuleAction.DIGEST, oakBook.ruleFor(3, "drugs", MONDAY_TEN).orElseThrow().action(),
                    "what oak's rules do not match, the trust's decide");
            assertEquals(trustRules, world.books().current().rules(), "the trust's rules are unchanged");
            assertEquals(List.of(oakDsl), userIds(oakBook.onCall(MONDAY_TEN)), "oak's own rota replaces the trust's");
            assertEquals(List.of(mainDsl), userIds(mainBook.onCall(MONDAY_TEN)), "main follows the trust's rota");
            assertEquals(new SchoolHours(LocalTime.of(9, 0), LocalTime.of(15, 0)), oakBook.schoolHours());
            assertFalse(oakBook.inSchoolHours(MONDAY_EIGHT_FORTY));
            assertTrue(mainBook.inSchoolHours(MONDAY_EIGHT_FORTY));

            world.editor().setSchoolHours("admin", "08:00", "16:00");
            assertEquals(new SchoolHours(LocalTime.of(9, 0), LocalTime.of(15, 0)),
                    world.books().current(oak.id()).schoolHours(), "oak's own hours stay when the trust's move");
            assertEquals(new SchoolHours(LocalTime.of(8, 0), LocalTime.of(16, 0)),
                    world.books().current(School.FIRST).schoolHours());

            world.editor().deleteRule("oak-dsl", atOak, oakRule);
            world.editor().deleteRota("oak-dsl", atOak, oakBand);
            assertTrue(world.editor().inheritSchoolHours("oak-dsl", oak));
            assertFalse(world.editor().inheritSchoolHours("oak-dsl", oak), "nothing of its own left");
            RuleBook back = world.books().current(oak.id());
            assertEquals(world.books().current().rules(), back.rules(), "the trust's rules again");
            assertEquals(List.of(mainDsl), userIds(back.onCall(MONDAY_TEN)), "the trust's rota again");
            assertEquals(new SchoolHours(LocalTime.of(8, 0), LocalTime.of(16, 0)), back.schoolHours());

            assertEquals(List.of(
                    "alert.rule.add school oak (Oak Academy): Severity 3, category bullying, at any time: alert at"
                            + " once to the DSLs on the rota at the time",
                    "alert.rota.add school oak (Oak Academy): " + RotaWords.describe(new WeeklyBand(DayOfWeek.MONDAY,
                            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), 1, "oak-dsl"),
                    "alert.hours.change school oak (Oak Academy): 08:30-15:30 (the trust's) -> 09:00-15:00",
                    "alert.rule.delete school oak (Oak Academy): Severity 3, category bullying, at any time: alert"
                            + " at once to the DSLs on the rota at the time",
                    "alert.rota.delete school oak (Oak Academy): " + RotaWords.describe(new WeeklyBand(
                            DayOfWeek.MONDAY, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), 1, "oak-dsl"),
                    "alert.hours.change school oak (Oak Academy): 09:00-15:00 -> the trust's (08:00-16:00)"),
                    SqlReads.texts(database, "SELECT action || ' ' || detail FROM audit_log"
                            + " WHERE action LIKE 'alert.%' AND actor = 'oak-dsl' ORDER BY id"));
        }
    }

    @OnBothStores
    void aSchoolCannotBreakTheSeverity5PromiseNameAnotherSchoolsDslOrTouchTheTrustsRules(StoreUnderTest store) {
        try (Database database = store.open()) {
            World world = new World(database);
            Optional<School> atOak = Optional.of(world.oak);
            long mainDsl = world.user("main-dsl", School.FIRST);
            world.user("oak-dsl", world.oak.id());
            long trustRule = world.books().current().rules().get(1).id();

            assertThrows(InvalidRequest.class, () -> world.editor().addRule("oak-dsl", atOak,
                    draft("1", "5", "5", "", "NONE", "ALL_DSLS")), "severity 5 must alert at once at oak too");
            InvalidRequest named = assertThrows(InvalidRequest.class, () -> world.editor().addRule("oak-dsl", atOak,
                    new RuleDraft("1", "3", "3", "", "ANY", "NOW", "NAMED", List.of(Long.toString(mainDsl)),
                            false)));
            assertTrue(named.getMessage().contains("of this school"), named.getMessage());
            assertThrows(InvalidRequest.class, () -> world.editor().addRota("oak-dsl", atOak,
                    EnumSet.of(DayOfWeek.MONDAY), "18:00", "08:00", "1", mainDsl), "main's DSL is not oak's");
            assertThrows(InvalidRequest.class, () -> world.editor().deleteRule("oak-dsl", atOak, trustRule),
                    "the trust's rule is not one of oak's");
            assertThrows(InvalidRequest.class, () -> world.editor().changeRule("oak-dsl", atOak, trustRule,
                    draft("1", "1", "3", "", "NONE", "ALL_DSLS")));

            assertEquals(0, SqlReads.count(database, "SELECT count(*) FROM alert_rules WHERE school_id IS NOT NULL"));
            assertEquals(0, SqlReads.count(database, "SELECT count(*) FROM alert_rota"));
            assertEquals(3, world.books().current().rules().size(), "the trust's rules are all there");
            assertEquals(0, SqlReads.count(database, "SELECT count(*) FROM audit_log WHERE action LIKE 'alert.%'"));
        }
    }

    private static RuleDraft draft(String position, String min, String max, String category, String action,
                                   String recipients) {
        return new RuleDraft(position, min, max, category, "ANY", action, recipients, List.of(), false);
    }

    private static List<Long> userIds(List<RotaEntry> entries) {
        return entries.stream().map(RotaEntry::userId).toList();
    }

    /** The store's alerting parts over one database with a second school, {@code oak}. */
    private static final class World {
        private final Database database;
        private final SchoolAlerts alerts;
        private final School oak;

        World(Database database) {
            this.database = database;
            AuditLog audit = new AuditLog(database, CLOCK);
            Settings settings = new Settings(new SettingsRepository(database, CLOCK), audit, database);
            this.alerts = SchoolAlerts.over(database, new AlertRepository(database, CLOCK), settings, audit, CLOCK);
            this.oak = new SchoolRepository(database, CLOCK).create("oak", "Oak Academy").orElseThrow();
        }

        /** An enabled DSL with an email who works for the school. */
        long user(String username, long schoolId) {
            UserRepository users = new UserRepository(database, CLOCK);
            users.createIfAbsent(username, "x", "DSL", false, false, Optional.of(username + "@trust.example"));
            long id = users.findByUsername(username).orElseThrow().id();
            database.inTransaction(connection -> {
                try (var statement = connection.prepareStatement("UPDATE users SET school_id = ? WHERE id = ?")) {
                    statement.setLong(1, schoolId);
                    statement.setLong(2, id);
                    return statement.executeUpdate();
                }
            });
            return id;
        }

        RuleBooks books() {
            return alerts.books();
        }

        AlertRulesEditor editor() {
            return alerts.editor();
        }
    }
}
