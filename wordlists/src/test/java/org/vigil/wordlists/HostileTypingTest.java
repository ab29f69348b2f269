package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random typing, Backspace and line ends, with marks, emoji halves and stray surrogates: no crash, exact offsets. */
class HostileTypingTest {
    private static final String POOL = "kilmyseporndbtw 13@$.-_'\u0301\u200B\uD83D\uDE2D\uD835\uDC24ʋΚк\uDC00\uD800ｋ";

    @Test
    void everyHitFromRandomTypingPointsAtWhatWasTyped() {
        Matcher matcher = TestLists.dodgeLists();
        Random random = new Random(3);
        Feed feed = matcher.newFeed();
        int hits = 0;
        for (int op = 0; op < 300_000; op++) {
            int roll = random.nextInt(100);
            List<Hit> found;
            if (roll < 8) {
                feed.backspace();
                continue;
            } else if (roll < 9) {
                found = feed.finishLine();
            } else {
                found = feed.type(POOL.charAt(random.nextInt(POOL.length())));
            }
            for (Hit hit : found) {
                hits++;
                assertTrue(hit.start() >= 0 && hit.start() < hit.end(), hit.toString());
                assertTrue(hit.end() <= feed.text().length(), hit.toString());
                assertEquals(hit.matchedText(), feed.text().subSequence(hit.start(), hit.end()).toString());
            }
            if (roll < 9) {
                feed.clear();
            }
        }
        assertTrue(hits > 0, "the pool spells some terms now and then");
    }

    @Test
    void scanningRandomTextGivesExactOffsets() {
        Matcher matcher = TestLists.dodgeLists();
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            text.append(POOL.charAt(random.nextInt(POOL.length())));
        }
        for (Hit hit : matcher.scan(text)) {
            assertEquals(hit.matchedText(), text.substring(hit.start(), hit.end()));
        }
    }
}
