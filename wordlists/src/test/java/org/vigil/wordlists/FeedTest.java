package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedTest {
    private final Matcher matcher = Matcher.compile(Wordlist.defaults());

    private static List<Hit> typeAll(Feed feed, String text) {
        List<Hit> hits = new ArrayList<>();
        for (char c : text.toCharArray()) {
            hits.addAll(feed.type(c));
        }
        return hits;
    }

    @Test
    void reportsAWholeWordHitWhenTheNextNonWordCharIsTyped() {
        Feed feed = matcher.newFeed();
        assertEquals(List.of(), typeAll(feed, "i want to end my life"));
        List<Hit> hits = feed.type(' ');
        assertEquals(1, hits.size());
        Hit hit = hits.get(0);
        assertEquals("end my life", hit.matchedText());
        assertEquals("end my life", feed.text().subSequence(hit.start(), hit.end()).toString());
    }

    @Test
    void holdsAHitWhileAnExceptionToItsRightCanStillBeTyped() {
        Feed feed = matcher.newFeed();
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
        Feed feed = matcher.newFeed();
        typeAll(feed, "kms");
        List<Hit> hits = feed.finishLine();
        assertEquals("kms", hits.get(0).matchedText());
        assertEquals("kms", feed.text().toString(), "text stays readable for context until clear()");
        feed.clear();
        assertEquals(0, feed.text().length());
    }

    @Test
    void backspaceCorrectsATypoBeforeTheMatch() {
        Feed feed = matcher.newFeed();
        typeAll(feed, "i want to kilp");
        feed.backspace();
        typeAll(feed, "l myself");
        assertEquals("kill myself", feed.finishLine().get(0).matchedText());
    }

    @Test
    void eachHitIsReportedOnceAndOnlyForWholeWords() {
        Feed feed = matcher.newFeed();
        List<Hit> hits = typeAll(feed, "my skills, the kmsx thing, then kms. kms!");
        hits.addAll(feed.finishLine());
        assertEquals(2, hits.size());
        assertTrue(hits.stream().allMatch(h -> h.matchedText().equals("kms")));
    }

    @Test
    void keepsOnlyABoundedLineNotAHistory() {
        Feed feed = matcher.newFeed();
        typeAll(feed, "a".repeat(5000) + " kill myself ");
        assertTrue(feed.text().length() <= Feed.MAX_LINE);
        assertTrue(feed.text().toString().endsWith("kill myself "));
    }
}
