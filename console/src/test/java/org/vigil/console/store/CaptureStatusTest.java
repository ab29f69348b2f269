package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptureStatusTest {

    @Test
    void newGoesToReviewOrStraightToFalsePositiveOnly() {
        assertTrue(CaptureStatus.NEW.canMoveTo(CaptureStatus.IN_REVIEW));
        assertTrue(CaptureStatus.NEW.canMoveTo(CaptureStatus.FALSE_POSITIVE));
        assertFalse(CaptureStatus.NEW.canMoveTo(CaptureStatus.ESCALATED));
        assertFalse(CaptureStatus.NEW.canMoveTo(CaptureStatus.NO_FURTHER_ACTION));
    }

    @Test
    void reviewEndsInOneOfThreeOutcomesAndAnOutcomeCanBeReopened() {
        for (CaptureStatus outcome : new CaptureStatus[] {CaptureStatus.ESCALATED, CaptureStatus.NO_FURTHER_ACTION,
            CaptureStatus.FALSE_POSITIVE}) {
            assertTrue(CaptureStatus.IN_REVIEW.canMoveTo(outcome));
            assertTrue(outcome.canMoveTo(CaptureStatus.IN_REVIEW));
        }
        assertEquals(Set.of(CaptureStatus.IN_REVIEW), CaptureStatus.NO_FURTHER_ACTION.next());
        assertEquals(Set.of(CaptureStatus.IN_REVIEW), CaptureStatus.FALSE_POSITIVE.next());
    }

    @Test
    void onlyAnEscalatedCaptureCanBeClosedAndClosedIsFinal() {
        assertEquals(Set.of(CaptureStatus.IN_REVIEW, CaptureStatus.CLOSED), CaptureStatus.ESCALATED.next());
        for (CaptureStatus other : CaptureStatus.values()) {
            assertEquals(other == CaptureStatus.ESCALATED, other.canMoveTo(CaptureStatus.CLOSED), other.name());
            assertFalse(CaptureStatus.CLOSED.canMoveTo(other), "nothing leaves Closed: " + other);
        }
        assertTrue(CaptureStatus.CLOSED.next().isEmpty());
        assertEquals(Optional.of(CaptureStatus.CLOSED), CaptureStatus.parse("CLOSED"));
        assertEquals("status-closed", CaptureStatus.CLOSED.cssClass());
    }

    @Test
    void openCapturesAreThoseStillWaitingForSomeone() {
        assertEquals(Set.of(CaptureStatus.NEW, CaptureStatus.IN_REVIEW, CaptureStatus.ESCALATED), CaptureStatus.OPEN);
    }

    @Test
    void everyOutcomeHasALabelAndParsesByName() {
        assertEquals(8, CaseOutcome.values().length);
        for (CaseOutcome outcome : CaseOutcome.values()) {
            assertEquals(Optional.of(outcome), CaseOutcome.parse(outcome.name()));
            assertFalse(outcome.label().isBlank());
        }
        assertEquals("Referred to children's social care / MASH", CaseOutcome.SOCIAL_CARE.label());
        assertEquals(Optional.empty(), CaseOutcome.parse("social care"));
        assertEquals(Optional.empty(), CaseOutcome.parse(null));
    }

    @Test
    void unknownStatusNamesParseToNothing() {
        assertEquals(Optional.empty(), CaptureStatus.parse("DELETED"));
        assertEquals(Optional.empty(), CaptureStatus.parse(null));
        assertEquals(Optional.of(CaptureStatus.IN_REVIEW), CaptureStatus.parse("IN_REVIEW"));
    }

    @Test
    void weeksStartOnMondayUtc() {
        Instant wednesday = Instant.parse("2026-11-25T12:00:00Z");
        Instant start = TriageRepository.startOfWeek(TriageRepository.weekOf(wednesday));
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), start);
        assertEquals(DayOfWeek.MONDAY, start.atZone(ZoneOffset.UTC).getDayOfWeek());
        assertEquals(TriageRepository.weekOf(start), TriageRepository.weekOf(Instant.parse("2026-11-29T23:59:59Z")));
    }

    @Test
    void cursorsRoundTripAndRejectAnythingElse() {
        QueueCursor cursor = new QueueCursor(5, 1_764_000_000_000L, 42);
        assertEquals(Optional.of(cursor), QueueCursor.parse(cursor.encode()));
        assertEquals(Optional.empty(), QueueCursor.parse("9.1.1"));
        assertEquals(Optional.empty(), QueueCursor.parse("5.1.1; DROP TABLE captures"));
    }
}
