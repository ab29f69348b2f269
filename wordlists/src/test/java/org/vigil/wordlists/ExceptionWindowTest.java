package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exception is first looked for in a narrow fold around the hit, and in the whole window when the narrow one cannot
 * hold it (docs/adr/0187): the answer is the whole window's either way.
 */
class ExceptionWindowTest {
    private final Matcher matcher = TestLists.matcher("violence-weapons.txt",
            "2 | bomb | except: bath bomb; dropped the bomb on hiroshima\n");

    @Test
    void anExceptionFarInRawCharsButNearInFoldedOnesStillCoversTheHit() {
        // 100 apostrophes fold away: the phrase is whole in the folded window, but starts beyond the narrow fold
        String text = "they dropped the" + "'".repeat(100) + " bomb on hiroshima in 1945";
        assertEquals(List.of(), matcher.scan(text));
        assertEquals(List.of(), typed(text));
    }

    @Test
    void aStretchedExceptionAfterTheHitStillCoversIt() {
        String text = "they dropped the bomb on hiroshiiii" + "i".repeat(80) + "ma in 1945";
        assertEquals(List.of(), matcher.scan(text));
    }

    @Test
    void beyondTheWholeWindowTheHitStands() {
        // past the window the exception has always been looked for in: still a hit, as before the narrow fold
        String text = "they dropped the" + "'".repeat(400) + " bomb on hiroshima";
        assertEquals(List.of("bomb"), matcher.scan(text).stream().map(Hit::matchedText).toList());
    }

    private List<Hit> typed(String text) {
        Feed feed = matcher.newFeed();
        List<Hit> hits = new java.util.ArrayList<>(TestLists.typeAll(feed, text));
        hits.addAll(feed.finishLine());
        return hits;
    }
}
