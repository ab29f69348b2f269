package org.vigil.console.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.AlertWorld;
import org.vigil.testing.SettableClock;
import org.vigil.console.request.InvalidRequest;

/**
 * The school's rules over a real console's SQLite file: the defaults on first start, rules chosen by severity,
 * category and school hours as captures are stored through the real outbox, the rota, and an audit row with every
 * change in its transaction.
 */
class AlertRulesEditorTest {
    /** Monday 30 November 2026, 10:00 in London (GMT): school hours. */
    private static final Instant MONDAY_TEN = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant MONDAY_NINE_PM = Instant.parse("2026-11-30T21:00:00Z");

    @TempDir
    Path dir;
    private AlertWorld world;
    private AlertRulesEditor editor;
    private long alice;
    private long bob;
    private long it;

    @BeforeEach
    void start() {
        world = new AlertWorld(dir, new SettableClock(MONDAY_TEN));
        editor = world.services().schoolAlerts().editor();
        alice = world.dsl("alice");
        bob = world.dsl("bob");
        world.user("carol", "DSL", Optional.empty());
        it = world.user("ian", "IT_ADMIN", Optional.of("ian@school.example"));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theDefaultsAlertEveryDslWithAnEmailAtOnceAboutSeverity4And5AndPutTheRestInTheDigestButNotSwearing() {
        assertEquals(List.of("Severity 1-4, category inappropriate-language, at any time: no alert (the queue only)",
                "Severity 4-5, any category, at any time: alert at once to every DSL with an email, and"
                        + " the webhook",
                "Severity 1-3, any category, at any time: put in the morning digest to every DSL with an email"),
                words());
        long severe = world.capture(4, "self-harm");
        world.capture(3, "bullying");
        world.capture(4, "inappropriate-language");
        assertEquals(List.of("EMAIL alice@school.example " + severe + " ", "EMAIL bob@school.example " + severe + " "),
                world.outbox("CAPTURE"), "not carol (no email), not IT, nothing for severity 3 nor for swearing");
        assertEquals(Optional.of(RuleAction.NONE), world.services().schoolAlerts().books().current()
                .ruleFor(2, "inappropriate-language", MONDAY_TEN).map(AlertRule::action), "no digest either");
    }

    @Test
    void aRuleForOneCategoryInSchoolHoursAlertsNamedDslsThenOutOfHoursTheDigestRuleApplies() {
        long id = editor.addRule("alice", draft("1", "3", "3", "bullying", "SCHOOL", "NOW", "NAMED",
                List.of(Long.toString(bob)), false));
        assertEquals(1, world.services().schoolAlerts().books().current().rules().get(0).position());
        assertEquals(id, world.services().schoolAlerts().books().current().rules().get(0).id());

        long inSchool = world.capture(3, "bullying");
        world.capture(3, "drugs");
        world.clock().set(MONDAY_NINE_PM);
        world.capture(3, "bullying");

        assertEquals(List.of("EMAIL bob@school.example " + inSchool + " "), world.outbox("CAPTURE"));
        assertEquals(List.of(List.of("alice", "alert.rule.add", "alert-rule:" + id,
                        "Severity 3, category bullying, in school hours: alert at once to bob")),
                world.query("SELECT actor, action, target, detail FROM audit_log WHERE action LIKE 'alert.%'"));
    }

    @Test
    void aRuleForTheRotaAlertsWhoIsOnCallWhenTheCaptureArrivesAndEveryDslWhenNoOneIs() {
        editor.addRule("alice", draft("1", "4", "5", "", "OUT", "NOW", "ROTA", List.of(), true));
        editor.addRota("alice", EnumSet.of(DayOfWeek.MONDAY), "18:00", "08:00", "1", bob);

        long mondayMorning = world.capture(5, "suicide");
        world.clock().set(Instant.parse("2026-12-01T08:30:00Z"));
        long tuesdayMorning = world.capture(5, "suicide");
        world.clock().set(Instant.parse("2026-12-01T20:00:00Z"));
        long tuesdayNight = world.capture(5, "suicide");

        assertEquals(List.of(
                        "EMAIL alice@school.example " + mondayMorning + " ", "EMAIL bob@school.example " + mondayMorning + " ",
                        "EMAIL alice@school.example " + tuesdayMorning + " ",
                        "EMAIL bob@school.example " + tuesdayMorning + " ",
                        "EMAIL alice@school.example " + tuesdayNight + " ",
                        "EMAIL bob@school.example " + tuesdayNight + " "),
                world.outbox("CAPTURE"),
                "10:00 on Monday is school hours, so the default rule; 08:30 on Tuesday likewise; Tuesday night no"
                        + " one is on the rota, so every DSL");

        world.clock().set(MONDAY_NINE_PM.plusSeconds(7 * 24 * 3600));
        long nextMondayNight = world.capture(5, "suicide");
        assertEquals("EMAIL bob@school.example " + nextMondayNight + " ", world.outbox("CAPTURE").get(6),
                "out of hours with bob on call: bob only");
        assertEquals(7, world.outbox("CAPTURE").size());
    }

    @Test
    void everyChangeIsAuditedWithWhatChanged() {
        long id = editor.addRule("alice", draft("2", "1", "2", "gambling", "ANY", "NONE", "ALL_DSLS", List.of(),
                false));
        editor.changeRule("bob", id, draft("1", "1", "3", "gambling", "OUT", "NONE", "ALL_DSLS", List.of(), false));
        List<Long> rota = editor.addRota("alice", EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), "18:00", "08:00",
                "2", alice);
        editor.deleteRota("bob", rota.get(0));
        editor.setSchoolHours("alice", "08:45", "15:15");
        editor.setSchoolHours("alice", "08:45", "15:15");
        editor.deleteRule("alice", id);

        assertEquals(List.of(
                List.of("alice", "alert.rule.add", "alert-rule:" + id,
                        "Severity 1-2, category gambling, at any time: no alert (the queue only)"),
                List.of("bob", "alert.rule.change", "alert-rule:" + id,
                        "2. Severity 1-2, category gambling, at any time: no alert (the queue only) -> 1. Severity"
                                + " 1-3, category gambling, out of hours: no alert (the queue only)"),
                List.of("alice", "alert.rota.add", "rota:" + rota.get(0),
                        "Friday 18:00 to Saturday 08:00: alice (deputy 1)"),
                List.of("alice", "alert.rota.add", "rota:" + rota.get(1),
                        "Saturday 18:00 to Sunday 08:00: alice (deputy 1)"),
                List.of("bob", "alert.rota.delete", "rota:" + rota.get(0),
                        "Friday 18:00 to Saturday 08:00: alice (deputy 1)"),
                List.of("alice", "alert.hours.change", "school-hours", "08:30-15:30 -> 08:45-15:15"),
                List.of("alice", "alert.rule.delete", "alert-rule:" + id,
                        "Severity 1-3, category gambling, out of hours: no alert (the queue only)")),
                world.query("SELECT actor, action, target, detail FROM audit_log WHERE action LIKE 'alert.%'"
                        + " ORDER BY id"), "the second, unchanged school hours are not a change");
        assertEquals(3, words().size());
    }

    @Test
    void aChangeThatWouldLeaveSeverity5WithoutAnAlertAtOnceIsRefusedAndNothingChanges() {
        long severe = world.services().schoolAlerts().books().current().rules().get(1).id();
        InvalidRequest deleted = assertThrows(InvalidRequest.class, () -> editor.deleteRule("alice", severe));
        assertTrue(deleted.getMessage().contains("Severity 5 must always alert at once"), deleted.getMessage());
        InvalidRequest shadowed = assertThrows(InvalidRequest.class, () -> editor.addRule("alice",
                draft("1", "5", "5", "suicide", "OUT", "DIGEST", "ALL_DSLS", List.of(), false)));
        assertTrue(shadowed.getMessage().contains("(suicide, out of hours)"), shadowed.getMessage());
        editor.addRule("alice", draft("1", "5", "5", "suicide", "OUT", "NOW", "NAMED", List.of(Long.toString(bob)),
                false));

        assertEquals(4, words().size());
        assertEquals(1, world.query("SELECT * FROM audit_log WHERE action LIKE 'alert.%'").size());
    }

    @Test
    void onlyEnabledDslsWithAnEmailCanBeNamedOrOnTheRota() {
        assertThrows(InvalidRequest.class, () -> editor.addRule("alice", draft("1", "4", "5", "", "ANY", "NOW",
                "NAMED", List.of(Long.toString(it)), false)));
        long carol = world.services().users().findByUsername("carol").orElseThrow().id();
        assertThrows(InvalidRequest.class, () -> editor.addRota("alice", EnumSet.of(DayOfWeek.MONDAY), "18:00",
                "08:00", "1", carol));
        assertThrows(InvalidRequest.class, () -> editor.addRota("alice", EnumSet.of(DayOfWeek.MONDAY), "18:00",
                "08:00", "1", it));
        assertThrows(InvalidRequest.class, () -> editor.addRule("alice", draft("1", "5", "3", "", "ANY", "NOW",
                "ALL_DSLS", List.of(), false)));
        assertThrows(InvalidRequest.class, () -> editor.addRule("alice", draft("1", "3", "3", "<b>x</b>", "ANY",
                "NOW", "ALL_DSLS", List.of(), false)));
        assertThrows(InvalidRequest.class, () -> editor.setSchoolHours("alice", "15:00", "09:00"));
        assertEquals(List.of(), world.query("SELECT * FROM audit_log WHERE action LIKE 'alert.%'"));
        assertEquals(List.of(), world.query("SELECT * FROM alert_rota"));
    }

    private List<String> words() {
        return world.services().schoolAlerts().books().current().rules().stream().map(r -> r.describe(Map.of()))
                .toList();
    }

    private static RuleDraft draft(String position, String min, String max, String category, String hours,
                                   String action, String recipients, List<String> named, boolean webhook) {
        return new RuleDraft(position, min, max, category, hours, action, recipients, named, webhook);
    }
}
