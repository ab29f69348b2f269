package org.vigil.agent.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vigil.agent.support.FixedScreenCapture;
import org.vigil.agent.support.Typing;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Event;
import org.vigil.testing.SettableClock;

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
    void aLinesEventsShareTheScreenTakenAtItsFirstHit() {
        Typing typing = new Typing().type("i keep cutting myself and i want to kill myself").enter();

        assertEquals(2, typing.events.size(), "events: " + typing.events);
        assertEquals(1, typing.screen.taken(), "one screenshot for the line");
        for (Event event : typing.events) {
            assertTrue(event.hasScreenshot());
            assertEquals(FixedScreenCapture.WIDTH, event.getScreenshot().getWidth());
            assertEquals(FixedScreenCapture.HEIGHT, event.getScreenshot().getHeight());
            assertEquals("image/png", event.getScreenshot().getMediaType());
        }
        assertEquals(typing.events.get(0).getScreenshot(), typing.events.get(1).getScreenshot());
    }

    @Test
    void twoDifferentHitsInOneLineAreTwoEventsEachWithItsOwnRuleAndContext() {
        String line = "i keep cutting myself and i want to kill myself";
        Typing typing = new Typing().type(line).enter();

        assertEquals(2, typing.events.size(), "events: " + typing.events);
        Event cutting = typing.events.get(0);
        Event kill = typing.events.get(1);
        assertEquals("self-harm", cutting.getCategory());
        assertEquals(4, cutting.getSeverity());
        assertEquals("cutting myself", cutting.getMatchedText());
        assertEquals("suicide", kill.getCategory());
        assertEquals(5, kill.getSeverity());
        assertEquals("kill myself", kill.getMatchedText());
        for (Event event : typing.events) {
            assertEquals(line, event.getContext());
            assertEquals(event.getMatchedText(), event.getContext().substring(event.getMatchStart(), event.getMatchEnd()));
            assertTrue(event.getExplanation().contains(event.getRuleId()), event.getExplanation());
        }
        assertNotEquals(cutting.getEventId(), kill.getEventId());
        assertNotEquals(cutting.getRuleId(), kill.getRuleId());
        assertTrue(kill.getSeq() > cutting.getSeq());
    }

    @Test
    void hitsOnTheSameWordsAreOneEventWithTheMostSevereRule() {
        Typing typing = new Typing().type("they should kill everyone at school").enter().type("i feel suicidal").enter();

        assertEquals(2, typing.events.size(), "events: " + typing.events);
        assertEquals("kill everyone at school", typing.events.get(0).getMatchedText());
        assertEquals(5, typing.events.get(0).getSeverity(), "over \"kill everyone\" at 4");
        assertEquals("suicidal", typing.events.get(1).getMatchedText());
        assertEquals(4, typing.events.get(1).getSeverity(), "over \"suicid*\" at 2");
    }

    @Test
    void aPrefixHitsEventShowsTheWholeWordTyped() {
        Typing typing = new Typing().type("last night i looked up suicide methods again").enter()
                .type("i keep overdosing").enter();

        assertEquals(2, typing.events.size(), "events: " + typing.events);
        Event methods = typing.events.get(0);
        assertEquals("suicide methods", methods.getMatchedText(), "not the term \"suicide method\"");
        assertEquals(5, methods.getSeverity());
        assertEquals("suicide methods", methods.getContext().substring(methods.getMatchStart(), methods.getMatchEnd()));
        assertTrue(methods.getExplanation().startsWith("\"suicide methods\" matched a word starting with"),
                methods.getExplanation());
        assertEquals("overdosing", typing.events.get(1).getMatchedText());
    }

    @Test
    void aRuleThatMatchesAgainInTheSameLineIsRecordedOnce() {
        Typing typing = new Typing().type("kys kys, i want to kill myself, kys").enter();

        assertEquals(List.of("kys", "kill myself"), typing.events.stream().map(Event::getMatchedText).toList());
    }

    @Test
    void aRuleOutrankedOnTheSameWordsStillCountsElsewhereInTheLine() {
        Typing typing = new Typing().type("kill everyone at school, or just kill everyone").enter();

        assertEquals(List.of("kill everyone at school", "kill everyone"),
                typing.events.stream().map(Event::getMatchedText).toList());
        assertEquals(List.of(5, 4), typing.events.stream().map(Event::getSeverity).toList());
    }

    @Test
    void hitsFarApartInALineAreEachRecordedWithTheirOwnContext() {
        Typing typing = new Typing().type("i want to kill myself " + FILLER + FILLER + "and cutting myself too");

        assertEquals(1, typing.events.size(), "the first finished once 60 chars followed it");
        assertEquals("kill myself", typing.events.get(0).getMatchedText());
        typing.enter();
        assertEquals(2, typing.events.size());
        Event cutting = typing.events.get(1);
        assertEquals("cutting myself", cutting.getMatchedText());
        assertEquals(60, cutting.getMatchStart());
        assertTrue(cutting.getContext().endsWith("cutting myself too"), cutting.getContext());
        assertEquals(1, typing.screen.taken());
    }

    @Test
    void aBurstOfHitsOverLinesInOneWindowTakesOneScreenshotUntilTenSecondsPassOrTheWindowChanges() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));
        AtomicReference<WindowInfo> window = new AtomicReference<>(new WindowInfo("Chat", "discord"));
        Typing typing = new Typing(window::get, clock);

        typing.type("i want to kill myself").enter();
        clock.advance(Duration.ofSeconds(4));
        typing.type("i want to kill myself").enter();
        clock.advance(Duration.ofSeconds(4));
        typing.type("kill myself now").enter();
        assertEquals(3, typing.events.size());
        assertEquals(1, typing.screen.taken(), "one screenshot for the burst");
        assertTrue(typing.events.stream().allMatch(Event::hasScreenshot));
        assertEquals(typing.events.get(0).getScreenshot(), typing.events.get(2).getScreenshot());

        clock.advance(Duration.ofSeconds(10));
        typing.type("i want to kill myself").enter();
        assertEquals(2, typing.screen.taken(), "ten seconds after the last screenshot, a new one");

        window.set(new WindowInfo("Notes", "gedit"));
        typing.type("i want to kill myself").enter();
        assertEquals(3, typing.screen.taken(), "another window, a new one");
        assertEquals("Notes", typing.events.get(4).getWindowTitle());
    }

    @Test
    void hitsInSeparateLinesAreSeparateEventsWithIncreasingSeq() {
        Typing typing = new Typing().type("kill myself").enter().type("cutting myself").enter();

        assertEquals(2, typing.events.size());
        assertNotEquals(typing.events.get(0).getEventId(), typing.events.get(1).getEventId());
        assertTrue(typing.events.get(1).getSeq() > typing.events.get(0).getSeq());
    }
}
