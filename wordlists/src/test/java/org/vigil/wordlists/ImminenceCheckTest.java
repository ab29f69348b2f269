package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.severity.Imminence;

/** The one-pass imminence check finds what folding the window and {@link Imminence#indexIn} find (docs/adr/0187). */
class ImminenceCheckTest {
    private static final List<String> PIECES = List.of("tonight", "tonite", "2nite", "2night", "right now", "now",
            "today", "2day", "after school", "this evening", "in an hour", "before school", "at lunch", "snow",
            "knowing", "nowhere", "tonightt", "t0n1ght", "n!ow", "no*w", "ri'ght", "NOW", "Tonight", "kill", "myself",
            "afterschool", "at", "in", "an", "hour", "school", "\uD835\uDC27ow", "n\u00F6w", " ", " ", "  ", "-", ".",
            "!", "'", "*", "x", "ss");

    @Test
    void findsTheSameWordAsTheFoldedWindowOnRandomText() {
        Random random = new Random(187);
        ImminenceCheck check = new ImminenceCheck();
        FoldBuffer window = new FoldBuffer();
        int found = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
                if (random.nextInt(3) > 0) {
                    text.append(' ');
                }
            }
            int from = random.nextInt(text.length());
            int to = from + random.nextInt(text.length() - from + 1);
            window.fold(text, from, to);
            int expected = Imminence.indexIn(window.chars(), window.length());
            assertEquals(expected, check.indexIn(text, from, to), () -> "window [" + text + "] " + from + ".." + to);
            found += expected >= 0 ? 1 : 0;
        }
        // the random texts must exercise both answers, not only "none"
        assertEquals(true, found > 5_000, "windows with an imminence word: " + found);
    }

    @Test
    void namesTheFirstListedWordAsIndexInDoes() {
        ImminenceCheck check = new ImminenceCheck();
        String text = "i will do it now, right now, tonight";
        assertEquals("tonight", Imminence.word(check.indexIn(text, 0, text.length())));
        assertEquals("right now", Imminence.word(check.indexIn(text, 0, 27)));
        assertEquals("now", Imminence.word(check.indexIn(text, 0, 16)));
        assertEquals(-1, check.indexIn(text, 0, 13));
        // a window that starts inside "snow" reads "now" as a word, as the folded window always has
        assertEquals("now", Imminence.word(check.indexIn("snow", 1, 4)));
    }
}
