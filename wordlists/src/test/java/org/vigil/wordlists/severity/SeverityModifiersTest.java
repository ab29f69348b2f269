package org.vigil.wordlists.severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.Feed;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;

/** Imminence raises a concern by one, with the reason in the explanation; nudes of pupils are child protection. */
class SeverityModifiersTest {
    private final Matcher matcher = Matcher.compile(Wordlist.defaults());

    @Test
    void anImminenceWordEarlierInTheLineRaisesAConcernByOne() {
        Hit plain = hit("im gonna stab him", "stab him");
        Hit soon = hit("tonight im gonna stab him", "stab him");
        assertEquals(plain.severity() + 1, soon.severity());
        assertEquals(plain.rule().severity(), soon.rule().severity(), "the rule itself is unchanged");
        assertEquals(List.of("imminence: \"tonight\""), soon.reasons());
        assertTrue(soon.explanation().contains("raised by imminence: \"tonight\""), soon.explanation());
        assertEquals(soon.severity(), typed("tonight im gonna stab him", "stab him").severity(), "typed the same");
    }

    @Test
    void neverAboveFiveAndNeverForSwearing() {
        assertTrue(matcher.scan("tonight i want to kill myself").stream().allMatch(h -> h.severity() <= 5));
        Hit swear = hit("right now this is crap", "crap");
        assertEquals(swear.rule().severity(), swear.severity());
    }

    @Test
    void imminenceWordsAreWholeWords() {
        assertEquals(Optional.of("tonight"), Imminence.in("see you tonight"));
        assertEquals(Optional.empty(), Imminence.in("i know the snow is here"), "\"now\" inside know and snow");
        assertEquals(Optional.of("after school"), Imminence.in("after school by the gates"));
    }

    @Test
    void sharingNudesOfAPupilIsChildProtectionAtSeverityFive() {
        for (String line : List.of("someone airdropped her nudes to everyone", "share her nudes in the group",
                "hes passing round the nudes of a year 9 girl")) {
            assertTrue(matcher.scan(line).stream()
                    .anyMatch(h -> h.rule().category().equals("cse-grooming") && h.severity() == 5), line);
        }
        assertEquals(List.of(), matcher.scan("i want a nude lipstick shade for the prom"));
    }

    private Hit hit(String text, String matched) {
        return matcher.scan(text).stream().filter(h -> h.matchedText().equals(matched)).findFirst().orElseThrow();
    }

    private Hit typed(String text, String matched) {
        Feed feed = matcher.newFeed();
        List<Hit> hits = new ArrayList<>();
        for (char c : text.toCharArray()) {
            hits.addAll(feed.type(c));
        }
        hits.addAll(feed.finishLine());
        return hits.stream().filter(h -> h.matchedText().equals(matched)).findFirst().orElseThrow();
    }
}
