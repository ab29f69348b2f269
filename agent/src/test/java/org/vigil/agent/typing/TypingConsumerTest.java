package org.vigil.agent.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vigil.agent.support.Typing;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Event;

class TypingConsumerTest {

    @Test
    void findsExactlyOneHitInALineWhoseTypoWasFixedWithBackspace() {
        Typing typing = new Typing().type("honestly i want to kilk").backspace().type("l myself").enter();

        assertEquals(1, typing.events.size(), "events: " + typing.events);
        Event event = typing.events.get(0);
        assertEquals("suicide", event.getCategory());
        assertEquals("kill myself", event.getMatchedText());
        assertEquals(5, event.getSeverity());
        assertTrue(event.getRuleId().startsWith("suicide.txt:"), event.getRuleId());
        assertEquals("honestly i want to kill myself", event.getContext());
        assertEquals("Untitled document - Google Docs", event.getWindowTitle());
        assertEquals("firefox", event.getApp());
        assertEquals("pupil", event.getUser());
        assertTrue(event.getExplanation().contains("kill myself"), event.getExplanation());
    }

    @Test
    void aSentenceWithoutListedTermsProducesNothing() {
        Typing typing = new Typing().type("the cat sat on the mat and we went to the park after school").enter()
                .type("skills in maths are killer").enter();

        assertEquals(List.of(), typing.events);
    }

    @Test
    void typingIntoAnExcludedAppProducesNothing() {
        Typing typing = new Typing(new WindowInfo("Passwords.kdbx - KeePassXC", "KeePassXC"), List.of("keepassxc"))
                .type("i want to kill myself").enter();

        assertEquals(List.of(), typing.events);
        assertEquals("i want to kill myself".length(), typing.consumer.excludedChars());
    }

    @Test
    void whileAPasswordFieldHasFocusNothingTypedIsKeptAndTheLineBeforeItIsDropped() {
        AtomicBoolean password = new AtomicBoolean();
        Typing typing = new Typing(password::get);
        typing.type("i want to kill");
        password.set(true);
        typing.type(" myself").enter();
        assertEquals(List.of(), typing.events, "neither the password nor the line it ended");
        assertEquals(" myself".length(), typing.consumer.passwordChars());

        typing.type("kill myself").enter();
        assertEquals(List.of(), typing.events);
        password.set(false);
        typing.type("i want to kill myself").enter();
        assertEquals(1, typing.events.size(), "after the password field, typing is matched again");
        assertEquals("i want to kill myself", typing.events.get(0).getContext());
    }

    @Test
    void theExclusionMatchesWindowTitlesToo() {
        Typing typing = new Typing(new WindowInfo("1Password - Vault", "Electron"), List.of("1password"))
                .type("kill myself ").enter();

        assertEquals(List.of(), typing.events);
    }

    @Test
    void aLineEndForgetsTheTextSoTermsDoNotSpanLines() {
        Typing typing = new Typing().type("kill").enter().type("myself").enter();

        assertEquals(List.of(), typing.events);
    }

    @Test
    void aHitHeldForAPossibleExceptionIsReportedWhenTheLineGoesIdle() {
        Typing typing = new Typing().type("i cut myself");
        typing.consumer.idle(Instant.now().plus(TypingConsumer.LINE_IDLE).minusSeconds(1));
        assertEquals(List.of(), typing.events, "\"cut myself shaving\" could still be typed");

        typing.consumer.idle(Instant.now().plus(TypingConsumer.LINE_IDLE).plusSeconds(1));

        assertEquals(1, typing.events.size());
        assertEquals("cut myself", typing.events.get(0).getMatchedText());
        assertEquals("self-harm", typing.events.get(0).getCategory());
    }

    @Test
    void aLineWithTwoDifferentHitsYieldsBoth() {
        Typing typing = new Typing().type("kys, i want to kill myself").enter();

        assertEquals(List.of("bullying", "suicide"), typing.events.stream().map(Event::getCategory).toList());
        assertEquals(List.of("kys", "kill myself"), typing.events.stream().map(Event::getMatchedText).toList());
    }

    @Test
    void keepingOnTypingInTheSameLineDoesNotRecordAHitAgain() {
        Typing typing = new Typing().type("i want to kill myself").type(" honestly and i mean it".repeat(8));
        assertEquals(1, typing.events.size(), "finished once its context was typed");

        typing.type(" and then some more words on the very same line").enter();
        assertEquals(1, typing.events.size(), "events: " + typing.events);
    }

    @Test
    void goingBackOverAHitAndTypingItAgainDoesNotRecordItTwice() {
        Typing typing = new Typing().type("i want to kill myself ");
        for (int i = 0; i < "myself ".length(); i++) {
            typing.backspace();
        }
        typing.type("myself, kill myself ").type("x".repeat(70)).enter();

        assertEquals(1, typing.events.size(), "events: " + typing.events);
        assertEquals("kill myself", typing.events.get(0).getMatchedText());
    }

    @Test
    void thePrefixWordInTheEventIsTheWholeWordThePupilTyped() {
        Typing typing = new Typing().type("i have cuts on my wrists again").enter();

        assertEquals(1, typing.events.size(), "events: " + typing.events);
        Event event = typing.events.get(0);
        assertEquals("cuts on my wrists", event.getMatchedText());
        assertEquals("i have cuts on my wrists again", event.getContext());
        assertEquals(7, event.getMatchStart());
        assertEquals(24, event.getMatchEnd());
    }

    @Test
    void hitsOnALineLongerThanTheFeedKeepsAreStillToldApart() {
        String filler = "we talked about the trip and the bus and the weather all day ";
        Typing typing = new Typing().type("kys ").type(filler.repeat(10)).type("kys, kill myself").enter();

        assertEquals(List.of("kys", "kill myself"), typing.events.stream().map(Event::getMatchedText).toList(),
                "the second kys is the same rule in the same line; kill myself is new though the feed dropped the front");
    }

    @Test
    void theSameWordsAreOneEventEvenWhenTheFeedDropsTheLinesFrontBetweenTheirHits() {
        String filler = "b".repeat(491) + " ";
        Typing typing = new Typing().type(filler + "kill everyone").type(" at school").enter();

        assertEquals(1, typing.events.size(), "events: " + typing.events);
        assertEquals("kill everyone at school", typing.events.get(0).getMatchedText());
        assertEquals(5, typing.events.get(0).getSeverity());
    }
}
