package org.vigil.wordlists.proximity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.Feed;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistParser;

/** Proximity rules ({@code a/b <N> c/d}): parsing, matching in either order within N words, exceptions (ADR 0163). */
class ProximityTest {
    private final Matcher defaults = Matcher.compile(Wordlist.defaults());

    @Test
    void readsBothSidesAndTheDistance() {
        Proximity p = Proximity.parse("pills/tablets <6> tonight/all of them").orElseThrow();
        assertEquals(List.of("pills", "tablets"), p.first());
        assertEquals(6, p.within());
        assertEquals(List.of("tonight", "all of them"), p.second());
        assertTrue(Proximity.parse("kill myself").isEmpty());
    }

    @Test
    void aMalformedProximityTermIsRefusedWithItsLine() {
        for (String bad : List.of("3 | pills <0> tonight", "3 | pills <21> tonight", "3 | <4> tonight",
                "3 | pills/ <4> tonight", "3 | pill* <4> tonight", "3 | pills <4> tonight | except: bus stop")) {
            WordlistFormatException e = assertThrows(WordlistFormatException.class,
                    () -> WordlistParser.parse("suicide.txt", new BufferedReader(new StringReader(bad + "\n"))));
            assertTrue(e.getMessage().startsWith("suicide.txt:1"), e.getMessage());
        }
    }

    @Test
    void matchesEitherOrderWithinTheDistanceOnly() throws IOException {
        Matcher matcher = matcher("3 | pills/tablets <3> tonight | except: vitamin pills\n");
        assertEquals(List.of("pills are for tonight"), texts(matcher, "the pills are for tonight"));
        assertEquals(List.of("tonight i'll take the tablets"), texts(matcher, "tonight i'll take the tablets"));
        assertEquals(List.of(), texts(matcher, "pills at lunch and then much later on tonight"), "five words apart");
        assertEquals(List.of(), texts(matcher, "my vitamin pills for tonight"), "an exception in the stretch");
        assertEquals(List.of(), texts(matcher, "pills"));
    }

    @Test
    void typedKeyByKeyTheHitComesWhenTheSecondSideEndsAndBackspaceUndoesIt() throws IOException {
        Matcher matcher = matcher("3 | pills <3> tonight\n");
        Feed feed = matcher.newFeed();
        List<Hit> hits = new ArrayList<>();
        for (char c : "pills tonigh".toCharArray()) {
            hits.addAll(feed.type(c));
        }
        feed.backspace();
        feed.backspace();
        for (char c : "day".toCharArray()) {
            hits.addAll(feed.type(c));
        }
        hits.addAll(feed.finishLine());
        assertEquals(List.of(), hits, "\"pills today\"");
        feed.clear();
        for (char c : "pills tonight".toCharArray()) {
            hits.addAll(feed.type(c));
        }
        hits.addAll(feed.finishLine());
        assertEquals(List.of("pills tonight"), hits.stream().map(Hit::matchedText).toList());
    }

    @Test
    void theSeededRulesCatchIntentWithoutAListedPhrase() {
        assertCategory("got loads of pills, taking them all tonight", "suicide");
        assertCategory("make sure you delete our chats after", "cse-grooming");
        assertCategory("your mum wouldn't understand us", "cse-grooming");
        assertCategory("my cousin can get me a gun", "violence-weapons");
        assertCategory("ur such a twat", "bullying");
        Hit hit = defaults.scan("my cousin can get me a gun").get(0);
        assertTrue(hit.explanation().contains("within 3 words of \"a gun\""), hit.explanation());
    }

    @Test
    void theSeededRulesStayQuietOnInnocentLines() {
        for (String line : List.of("i bought a nerf gun for my brother", "can you get me a water gun",
                "i take my hay fever tablets every morning", "my mum said we can get pizza tonight",
                "you are the best", "delete the draft and start again")) {
            assertEquals(List.of(), defaults.scan(line), line);
        }
    }

    private void assertCategory(String line, String category) {
        assertTrue(defaults.scan(line).stream().anyMatch(h -> h.rule().category().equals(category)),
                line + " -> " + defaults.scan(line));
    }

    private static Matcher matcher(String body) throws IOException {
        return Matcher.compile(new Wordlist(WordlistParser.parse("suicide.txt", new BufferedReader(new StringReader(body)))));
    }

    private static List<String> texts(Matcher matcher, String text) {
        return matcher.scan(text).stream().map(Hit::matchedText).toList();
    }
}
