package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.wordlists.TestLists.typeAll;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A typing session's {@link Feed}: hits as each char is typed, against the default lists and the dodge lists. */
class FeedTest {
    private static final Matcher DEFAULTS = Matcher.compile(Wordlist.defaults());
    private static final Matcher DODGES = TestLists.dodgeLists();

    @Test
    void reportsAWholeWordHitWhenTheNextNonWordCharIsTyped() {
        Feed feed = DEFAULTS.newFeed();
        assertEquals(List.of(), typeAll(feed, "i want to end my life"));
        List<Hit> hits = feed.type(' ');
        assertEquals(1, hits.size());
        Hit hit = hits.get(0);
        assertEquals("end my life", hit.matchedText());
        assertEquals("end my life", feed.text().subSequence(hit.start(), hit.end()).toString());
    }

    @Test
    void holdsAHitWhileAnExceptionToItsRightCanStillBeTyped() {
        Feed feed = DEFAULTS.newFeed();
        assertEquals(List.of(), typeAll(feed, "i cut myself "), "\"cut myself shaving\" is an exception");
        assertEquals(List.of(), typeAll(feed, "shaving today "));
        feed.clear();
        typeAll(feed, "i cut myself ");
        List<Hit> hits = typeAll(feed, "again and again ");
        assertEquals(1, hits.size(), "reported once no exception can match any more");
        assertEquals("cut myself", hits.get(0).matchedText());
        feed.clear();
        typeAll(feed, "i cut myself");
        assertEquals("cut myself", feed.finishLine().get(0).matchedText(), "the end of the line rules exceptions out");
    }

    @Test
    void theEndOfTheLineCompletesTheLastWord() {
        Feed feed = DEFAULTS.newFeed();
        typeAll(feed, "kms");
        List<Hit> hits = feed.finishLine();
        assertEquals("kms", hits.get(0).matchedText());
        assertEquals("kms", feed.text().toString(), "text stays readable for context until clear()");
        feed.clear();
        assertEquals(0, feed.text().length());
    }

    @Test
    void backspaceCorrectsATypoBeforeTheMatch() {
        Feed feed = DEFAULTS.newFeed();
        typeAll(feed, "i want to kilp");
        feed.backspace();
        typeAll(feed, "l myself");
        assertEquals("kill myself", feed.finishLine().get(0).matchedText());
    }

    @Test
    void eachHitIsReportedOnceAndOnlyForWholeWords() {
        Feed feed = DEFAULTS.newFeed();
        List<Hit> hits = typeAll(feed, "my skills, the kmsx thing, then kms. kms!");
        hits.addAll(feed.finishLine());
        assertEquals(2, hits.size());
        assertTrue(hits.stream().allMatch(h -> h.matchedText().equals("kms")));
    }

    @Test
    void keepsOnlyABoundedLineNotAHistory() {
        Feed feed = DEFAULTS.newFeed();
        typeAll(feed, "a".repeat(5000) + " kill myself ");
        assertTrue(feed.text().length() <= Feed.MAX_LINE);
        assertTrue(feed.text().toString().endsWith("kill myself "));
        assertEquals(5013, feed.dropped() + feed.text().length(), "dropped() counts what went from the front");
    }

    @Test
    void aHitsPlaceInTheWholeLineSurvivesTheFrontBeingDropped() {
        Feed feed = DEFAULTS.newFeed();
        String start = "b".repeat(500) + " ";
        Hit hit = typeAll(feed, start + "kill myself ").get(0);
        assertEquals(start.length(), feed.dropped() + hit.start());
        assertTrue(feed.dropped() > 0);
        feed.clear();
        assertEquals(0, feed.dropped());
    }

    @Test
    void reportsAPrefixHitAsTheWholeWordOnceTheWordEnds() {
        Feed feed = DODGES.newFeed();
        assertEquals(List.of(), TestLists.typeAll(feed, "i feel suicidal"), "the word may still go on");
        List<Hit> hits = feed.type(' ');
        assertEquals(1, hits.size());
        Hit hit = hits.get(0);
        assertEquals("suicidal", hit.matchedText());
        assertEquals("suicidal", feed.text().subSequence(hit.start(), hit.end()).toString());
        assertEquals(List.of(), TestLists.typeAll(feed, "today and more "), "reported once");
    }

    @Test
    void theEndOfTheLineCompletesAPrefixWord() {
        Feed feed = DODGES.newFeed();
        TestLists.typeAll(feed, "thinking about suicide");
        List<Hit> hits = feed.finishLine();
        assertEquals(1, hits.size());
        assertEquals("suicide", hits.get(0).matchedText());
        assertEquals(15, hits.get(0).start());
        assertEquals(22, hits.get(0).end());
    }

    @Test
    void backspaceInsideAPrefixWordChangesTheWordReported() {
        Feed feed = DODGES.newFeed();
        TestLists.typeAll(feed, "so suicidak");
        feed.backspace();
        assertEquals("suicidal", TestLists.typeAll(feed, "l.").get(0).matchedText());
        feed.clear();
        TestLists.typeAll(feed, "so suicif");
        feed.backspace();
        feed.backspace();
        // "suicked" is two slips from "suicid" ("suicded" would be one: a misspelling, docs/adr/0164)
        assertEquals(List.of(), TestLists.typeAll(feed, "ked "), "backspace took the term back: \"suicked\"");
    }

    @Test
    void aPrefixWordEditedAfterItWasReportedIsNotReportedAgain() {
        Feed feed = DODGES.newFeed();
        assertEquals("suicidal", TestLists.typeAll(feed, "suicidal ").get(0).matchedText());
        feed.backspace();
        assertEquals(List.of(), TestLists.typeAll(feed, "ly "));
        assertEquals(List.of(), feed.finishLine());
    }

    @Test
    void everyHitInALineIsReportedEachOnce() {
        Feed feed = DODGES.newFeed();
        List<Hit> hits = new ArrayList<>(TestLists.typeAll(feed, "kms, ur a loser and im suicidal lol"));
        hits.addAll(feed.finishLine());
        assertEquals(List.of("kms", "loser", "suicidal"), hits.stream().map(Hit::matchedText).toList());
    }

    @Test
    void reportsAWholeWordAtTheNextBoundaryNotBefore() {
        Feed feed = DODGES.newFeed();
        assertEquals(List.of(), TestLists.typeAll(feed, "ugly b1tch"));
        assertEquals(List.of(), TestLists.typeAll(feed, "y"), "bitchy is not the whole word bitch");
        assertEquals(List.of(), feed.type(' '));
        feed.clear();
        TestLists.typeAll(feed, "ugly b1tch");
        assertEquals("b1tch", feed.type('.').get(0).matchedText(), "punctuation ends the word");
        feed.clear();
        TestLists.typeAll(feed, "ugly b1tch");
        assertEquals(List.of(), feed.type('!'), "a '!' may still be an i inside a word (k!ll)");
        assertEquals(List.of(), feed.type('!'));
        assertEquals("b1tch", feed.type(' ').get(0).matchedText(), "the word ended on \"!!\": punctuation after all");
    }

    @Test
    void waitsForAnExceptionThatRunsPastTheTerm() {
        Feed feed = DODGES.newFeed();
        assertEquals(List.of(), TestLists.typeAll(feed, "i need to kill time "));
        assertEquals(List.of(), feed.finishLine());
        feed.clear();
        List<Hit> hits = TestLists.typeAll(feed, "i will kill them all");
        assertEquals(1, hits.size());
        assertEquals("kill", hits.get(0).matchedText());
        feed.clear();
        TestLists.typeAll(feed, "kill");
        assertEquals("kill", feed.finishLine().get(0).matchedText(), "the end of the line settles it");
    }

    @Test
    void findsSpacedOutLettersAsTheyAreTyped() {
        Feed feed = DODGES.newFeed();
        List<Hit> hits = TestLists.typeAll(feed, "watching p o r n ");
        assertEquals("p o r n", hits.get(0).matchedText());
        assertEquals("p o r n", feed.text().subSequence(hits.get(0).start(), hits.get(0).end()).toString());
    }

    @Test
    void backspaceRestoresTheMatchStateExactly() {
        Feed feed = DODGES.newFeed();
        TestLists.typeAll(feed, "i want to kms");
        feed.backspace();
        feed.backspace();
        feed.backspace();
        TestLists.typeAll(feed, "kiss");
        assertEquals(List.of(), feed.finishLine());
        feed.clear();
        TestLists.typeAll(feed, "i want to kmx");
        feed.backspace();
        assertEquals("kms", feed.type('s').isEmpty() ? feed.finishLine().get(0).matchedText() : "early");
    }

    @Test
    void findsWhatAScanFindsWhenFedCharByChar() {
        Random random = new Random(7);
        String[] words = {"kill", "myself", "k1ll", "mys3lf", "p o r n", "selfharm", "bet", "bath", "bomb", "the",
            "ass", "assassin's", "creed", "w33d", "kms", "s u i c i d e", "time", "loser", "x", "\uD83D\uDE2D"};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : ", ");
            }
            Feed feed = DODGES.newFeed();
            List<Hit> fed = new ArrayList<>(TestLists.typeAll(feed, text.toString()));
            fed.addAll(feed.finishLine());
            List<Hit> scanned = DODGES.scan(text);
            assertEquals(ruleStarts(scanned), ruleStarts(fed), text.toString());
        }
    }

    private static List<String> ruleStarts(List<Hit> hits) {
        return hits.stream().map(h -> h.rule().id() + "@" + h.start()).sorted().toList();
    }

    @Test
    void typingInnocentTextAllocatesNothing() {
        Feed feed = Matcher.compile(Wordlist.defaults()).newFeed();
        String text = "the quick brown fox jumps over the lazy dog while we study maths and english. ";
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int warm = 0; warm < 2000; warm++) {
            typeLine(feed, text);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        int hits = 0;
        for (int round = 0; round < 200; round++) {
            hits += typeLine(feed, text);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, hits);
        assertTrue(allocated < 1024, "typing " + 200 * text.length() + " chars allocated " + allocated + " bytes");
    }

    private static int typeLine(Feed feed, String text) {
        int hits = 0;
        for (int i = 0; i < text.length(); i++) {
            hits += feed.type(text.charAt(i)).size();
        }
        hits += feed.finishLine().size();
        feed.clear();
        return hits;
    }
}
