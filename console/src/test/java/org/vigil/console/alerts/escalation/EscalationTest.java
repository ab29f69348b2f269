package org.vigil.console.alerts.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.AlertWorld;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.testing.SettableClock;
import org.vigil.console.settings.Setting;

/**
 * Escalation over a real console's SQLite file and a settable clock: a severity-5 capture no DSL opens goes to the
 * next on the rota after 15 minutes, then to every DSL, every 15 minutes, until a DSL opens it.
 */
class EscalationTest {
    /** Monday 30 November 2026, 21:00 in London. */
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-11-30T21:00:00Z");

    @TempDir
    Path dir;
    private AlertWorld world;
    private long alice;
    private long bob;

    @BeforeEach
    void start() {
        world = new AlertWorld(dir, new SettableClock(MONDAY_NIGHT));
        alice = world.dsl("alice");
        bob = world.dsl("bob");
        world.dsl("dave");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void anUnopenedSeverity5CaptureGoesToTheDeputyThenEveryoneUntilADslOpensIt() {
        SchoolAlerts school = world.services().schoolAlerts();
        school.editor().addRota("alice", EnumSet.of(DayOfWeek.MONDAY), "18:00", "08:00", "1", alice);
        school.editor().addRota("alice", EnumSet.of(DayOfWeek.MONDAY), "18:00", "08:00", "2", bob);
        long id = world.capture(5, "suicide");
        Escalation escalation = escalation(true);

        world.clock().advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals(0, escalation.runOnce(), "14:59 after");
        world.clock().advance(Duration.ofSeconds(1));
        assertEquals(2, escalation.runOnce());
        assertEquals(List.of("EMAIL bob@school.example " + id + ":1 Not opened after 15 minutes",
                "WEBHOOK webhook " + id + ":1 Not opened after 15 minutes"), world.outbox("ESCALATION"),
                "the deputy on the rota, and the webhook");
        world.clock().advance(Duration.ofSeconds(30));
        assertEquals(0, escalation.runOnce(), "the next check 30 s later adds nothing");

        world.clock().set(MONDAY_NIGHT.plus(Duration.ofMinutes(30)));
        assertEquals(4, escalation(true).runOnce(), "a new round, from a new instance as after a restart");
        assertEquals(List.of(
                "EMAIL alice@school.example " + id + ":2 Not opened after 30 minutes",
                "EMAIL bob@school.example " + id + ":2 Not opened after 30 minutes",
                "EMAIL dave@school.example " + id + ":2 Not opened after 30 minutes",
                "WEBHOOK webhook " + id + ":2 Not opened after 30 minutes"),
                world.outbox("ESCALATION").subList(2, 6), "no one left on the rota: every DSL");

        world.clock().advance(Duration.ofMinutes(5));
        school.views().viewed("dave", id);
        world.clock().advance(Duration.ofMinutes(60));
        assertEquals(0, escalation.runOnce(), "opened: the chain stops");
        assertEquals(6, world.outbox("ESCALATION").size());
        assertEquals(List.of(List.of("dave", "capture:" + id)),
                world.query("SELECT actor, target FROM audit_log WHERE action = 'capture.view'"));
    }

    @Test
    void withNoOneElseOnTheRotaEveryDslIsAlertedAndTheIntervalIsTheSchoolsSetting() {
        world.services().settings().change("alice", Setting.ESCALATION_MINUTES, "5");
        long id = world.capture(5, "cse-grooming");
        world.capture(4, "self-harm");

        world.clock().advance(Duration.ofMinutes(5));
        assertEquals(3, escalation(false).runOnce());
        assertEquals(List.of("EMAIL alice@school.example " + id + ":1 Not opened after 5 minutes",
                "EMAIL bob@school.example " + id + ":1 Not opened after 5 minutes",
                "EMAIL dave@school.example " + id + ":1 Not opened after 5 minutes"), world.outbox("ESCALATION"),
                "no webhook configured; the severity-4 capture never escalates");
    }

    @Test
    void roundsMissedWhileTheConsoleWasDownAreNotSentLateOnlyTheCurrentOne() {
        long id = world.capture(5, "suicide");
        world.clock().advance(Duration.ofMinutes(50));
        assertEquals(3, escalation(false).runOnce());
        assertEquals(List.of(id + ":3"), world.query("SELECT DISTINCT dedupe_key FROM alert_outbox"
                + " WHERE kind = 'ESCALATION'").stream().map(r -> r.get(0)).toList());
    }

    private Escalation escalation(boolean webhook) {
        SchoolAlerts school = world.services().schoolAlerts();
        return new Escalation(school.books(), school.recipients(), school.openings(),
                world.services().alertRepository(), webhook, world.clock());
    }
}
