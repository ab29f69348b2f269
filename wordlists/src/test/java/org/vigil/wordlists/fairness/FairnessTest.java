package org.vigil.wordlists.fairness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;

/**
 * Identity, sexual-health, history and literature lines, and talk about swearing, on the real default lists:
 * issue 16 allows at most one innocent line in 30 to raise anything. Every flagged line is printed, so a change
 * that costs fairness says which line it broke.
 */
class FairnessTest {
    private final Matcher matcher = Matcher.compile(Wordlist.defaults());

    @Test
    void atMostOneInnocentLineInThirtyRaisesAnything() throws IOException {
        List<String> lines = fairnessLines();
        assertTrue(lines.size() >= 50, lines.size() + " lines");
        List<String> flagged = new ArrayList<>();
        for (String line : lines) {
            List<Hit> hits = matcher.scan(line);
            if (!hits.isEmpty()) {
                flagged.add(line + " -> " + hits.stream().map(h -> h.rule().id() + " \"" + h.matchedText() + "\"")
                        .collect(Collectors.joining(", ")));
            }
        }
        flagged.forEach(line -> System.out.println("fairness: flagged " + line));
        assertTrue(flagged.size() * 30 <= lines.size(),
                flagged.size() + " of " + lines.size() + " innocent lines flagged:\n" + String.join("\n", flagged));
    }

    @Test
    void talkAboutSwearingAndBodyPartsInHealthQuestionsRaiseNothingAtAll() {
        for (String line : List.of("my mum said a bad word when she dropped the plate",
                "is it normal for my penis to curve a bit", "how do i check my testicles for lumps",
                "im gay and proud of it", "as a queer kid i found the lgbt club really helpful",
                "juliet's nurse tells her that romeo is banished", "if you prick us do we not bleed asks shylock",
                "william the bastard became william the conqueror in 1066")) {
            assertTrue(matcher.scan(line).isEmpty(), line + " -> " + matcher.scan(line));
        }
    }

    private static List<String> fairnessLines() throws IOException {
        try (InputStream in = FairnessTest.class.getResourceAsStream("/eval/fairness.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }
}
