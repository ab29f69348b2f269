package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The normaliser's issue-16 dodges on the real default lists: symbols for letters inside a word, numbers for
 * words in phrases, letters spaced with hyphens or dots inside the words of a phrase (ADR 0162). Each is checked
 * both on a whole text and typed key by key.
 */
class MaskingAndSpacingTest {
    private final Matcher matcher = Matcher.compile(Wordlist.defaults());

    @Test
    void aSymbolInsideAWordReadsAsTheLetterItStandsFor() {
        assertFinds("i want to k!ll myself", "k!ll myself", "suicide");
        assertFinds("watching p*rn again", "p*rn", "sexual-content");
        assertFinds("what the f**k", "f**k", "inappropriate-language");
        assertFinds("s3lf h@rm", "s3lf h@rm", "self-harm");
        Hit hit = matcher.scan("watching p*rn").get(0);
        assertTrue(hit.normalisations().contains(Normalisation.MASKED), hit.toString());
        assertTrue(hit.explanation().contains("symbols inside a word for letters"), hit.explanation());
    }

    @Test
    void aSymbolAtAWordsEdgeStaysPunctuation() {
        for (String innocent : List.of("*sigh* fine", "wow!!! that was great", "#1 in the charts", "yes! i passed",
                "c# and f# are keys in music")) {
            assertEquals(List.of(), matcher.scan(innocent), innocent);
            assertEquals(List.of(), typed(innocent), innocent);
        }
        assertFinds("ugh, porn!", "porn", "sexual-content");
    }

    @Test
    void numbersForWordsInPhrases() {
        assertFinds("i just want2die", "want2die", "suicide");
        assertFinds("i want 2 die", "want 2 die", "suicide");
        Hit hit = matcher.scan("i just want2die").get(0);
        assertTrue(hit.normalisations().contains(Normalisation.DIGIT_WORDS), hit.toString());
        assertEquals(List.of(), matcher.scan("going 4 a walk after year 2 assembly"));
    }

    @Test
    void lettersSpacedWithHyphensOrDotsInsideTheWordsOfAPhrase() {
        assertFinds("k-i-l-l myself", "k-i-l-l myself", "suicide");
        assertFinds("i want to d.i.e", "want to d.i.e", "suicide");
        assertEquals(List.of(), matcher.scan("ski ll myself"), "only single letters may be spaced out");
    }

    @Test
    void backspacingOverAMaskGoesBackExactly() {
        Feed feed = matcher.newFeed();
        List<Hit> hits = new ArrayList<>(TestLists.typeAll(feed, "p*"));
        feed.backspace();
        hits.addAll(TestLists.typeAll(feed, "orn!"));
        feed.backspace();
        hits.addAll(TestLists.typeAll(feed, " ok"));
        hits.addAll(feed.finishLine());
        assertEquals(List.of("porn"), hits.stream().map(Hit::matchedText).toList());
    }

    private void assertFinds(String text, String matched, String category) {
        for (List<Hit> hits : List.of(matcher.scan(text), typed(text))) {
            assertTrue(hits.stream().anyMatch(h -> h.matchedText().equals(matched)
                    && h.rule().category().equals(category)), text + " -> " + hits);
        }
    }

    private List<Hit> typed(String text) {
        Feed feed = matcher.newFeed();
        List<Hit> hits = new ArrayList<>(TestLists.typeAll(feed, text));
        hits.addAll(feed.finishLine());
        return hits;
    }
}
