package org.vigil.agent.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vigil.agent.support.FixedScreenCapture;
import org.vigil.agent.support.Typing;
import org.vigil.proto.v1.Event;

class EvidenceCollectorTest {
    private static final String FILLER = "we were talking about the trip and the bus was late again so ";

    @Test
    void contextKeepsAtMostSixtyCharsEachSideAndItsOffsetsLocateTheMatch() {
        String before = FILLER.repeat(3);
        String after = " because nobody listens to me at all and the weekend was long too";
        Typing typing = new Typing().type(before + "kill myself" + after);

        assertEquals(1, typing.events.size(), "finished once 60 chars followed the match");
        Event event = typing.events.get(0);
        String context = event.getContext();
        assertEquals("kill myself", context.substring(event.getMatchStart(), event.getMatchEnd()));
        assertEquals(60, event.getMatchStart());
        assertEquals(60, context.length() - event.getMatchEnd());
        assertEquals(before.substring(before.length() - 60), context.substring(0, 60));
        assertEquals(after.substring(0, 60), context.substring(event.getMatchEnd()));
        assertEquals(4, UUID.fromString(event.getEventId()).version());
    }

    @Test
    void aPendingEventFinishesWhenTheLineEnds() {
        Typing typing = new Typing().type("sometimes i am cutting myself ");
        assertEquals(0, typing.events.size(), "still waiting for context after the match");
        assertTrue(typing.evidence.hasPending());

        typing.enter();

        assertEquals(1, typing.events.size());
        Event event = typing.events.get(0);
        assertEquals("self-harm", event.getCategory());
        assertEquals("sometimes i am cutting myself ", event.getContext());
        assertEquals("cutting myself", event.getContext().substring(event.getMatchStart(), event.getMatchEnd()));
    }

    @Test
    void aPendingEventFinishesAfterThreeSecondsWithoutTyping() {
        Typing typing = new Typing().type("i will be cutting myself tonight");
        Instant deadline = typing.evidence.deadline().orElseThrow();

        typing.evidence.idle(deadline.minusMillis(1));
        assertEquals(0, typing.events.size());
        typing.evidence.idle(deadline);

        assertEquals(1, typing.events.size());
        assertEquals("i will be cutting myself tonight", typing.events.get(0).getContext());
        assertFalse(typing.evidence.deadline().isPresent());
    }

    @Test
    void anEventCarriesTheScreenTakenAtItsFirstHitOnly() {
        Typing typing = new Typing().type("i keep cutting myself and i want to kill myself").enter();

        assertEquals(1, typing.screen.taken(), "one screenshot for the merged event");
        Event event = typing.events.get(0);
        assertTrue(event.hasScreenshot());
        assertEquals(FixedScreenCapture.WIDTH, event.getScreenshot().getWidth());
        assertEquals(FixedScreenCapture.HEIGHT, event.getScreenshot().getHeight());
        assertEquals("image/png", event.getScreenshot().getMediaType());
    }

    @Test
    void twoHitsInOneLineMergeIntoOneEventWithTheHigherSeverity() {
        Typing typing = new Typing().type("i keep cutting myself and i want to kill myself").enter();

        assertEquals(1, typing.events.size(), "events: " + typing.events);
        Event event = typing.events.get(0);
        assertEquals(5, event.getSeverity());
        assertEquals("suicide", event.getCategory());
        assertEquals("kill myself", event.getMatchedText());
        assertEquals("kill myself", event.getContext().substring(event.getMatchStart(), event.getMatchEnd()));
        assertEquals("i keep cutting myself and i want to kill myself", event.getContext());
    }

    @Test
    void aLowerSeverityHitAfterwardsDoesNotReplaceTheMoreSevereOne() {
        Typing typing = new Typing().type("kill myself or cutting myself").enter();

        assertEquals(1, typing.events.size());
        assertEquals("suicide", typing.events.get(0).getCategory());
    }

    @Test
    void hitsInSeparateLinesAreSeparateEventsWithIncreasingSeq() {
        Typing typing = new Typing().type("kill myself").enter().type("cutting myself").enter();

        assertEquals(2, typing.events.size());
        assertNotEquals(typing.events.get(0).getEventId(), typing.events.get(1).getEventId());
        assertTrue(typing.events.get(1).getSeq() > typing.events.get(0).getSeq());
    }
}
