package org.vigil.wordlists.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Every kind of list change made from the real corpora (docs/adr/0168) has a line of its own here, on the real
 * default lists: a harmful line raises its category, an innocent line raises nothing. No external data: the lines
 * are the project's own ({@code eval/real-writing-kinds.tsv}).
 */
class RealWritingKindsTest {
    private final Matcher matcher = Matcher.compile(Wordlist.defaults());

    private record Line(String expected, String text) {
    }

    @Test
    void eachHarmfulLineRaisesItsCategoryAndEachInnocentLineRaisesNothing() throws IOException {
        List<Line> lines = lines();
        assertTrue(lines.stream().filter(l -> l.expected().equals("none")).count() >= 15, lines.size() + " lines");
        assertTrue(lines.stream().filter(l -> !l.expected().equals("none")).count() >= 20, lines.size() + " lines");
        List<String> wrong = new ArrayList<>();
        for (Line line : lines) {
            List<Hit> hits = matcher.scan(line.text());
            boolean ok = line.expected().equals("none") ? hits.isEmpty()
                    : hits.stream().anyMatch(h -> h.rule().category().equals(line.expected()));
            if (!ok) {
                wrong.add(line.expected() + "\t" + line.text() + " -> " + hits.stream()
                        .map(h -> h.rule().id() + " \"" + h.matchedText() + "\"").collect(Collectors.joining(", ")));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aDisclosedRapeAlertsTheDslAtOnce() {
        assertTrue(matcher.scan("he raped me at the party").stream().anyMatch(h -> h.severity() == 5));
    }

    private static List<Line> lines() throws IOException {
        try (InputStream in = RealWritingKindsTest.class.getResourceAsStream("/eval/real-writing-kinds.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("expected\t"))
                    .map(l -> new Line(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1))).toList();
        }
    }
}
