package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lists Vigil ships: every category is there, innocent text stays quiet, and how much of the labelled
 * corpora the current matcher finds. Recall is printed, not asserted: the corpus's dodges (leetspeak,
 * look-alike letters, spaced-out letters) need the engine's normaliser.
 */
class DefaultListsTest {
    private static final Set<String> CATEGORY_IDS = Set.of("bullying", "cse-grooming", "discrimination", "drugs",
            "extremism", "gambling", "gangs", "inappropriate-language", "sexual-content", "self-harm", "suicide",
            "violence-weapons");
    private static final String DEV_CORPUS = "shared/eval/dev-corpus.tsv";

    private final Wordlist defaults = Wordlist.defaults();
    private final Matcher matcher = Matcher.compile(defaults);

    @Test
    void coverEveryMonitoringCategoryWithAtLeastAThousandRules() {
        assertEquals(CATEGORY_IDS, defaults.categories());
        assertTrue(defaults.rules().size() >= 1000, defaults.rules().size() + " rules");
        Map<String, Long> perCategory = defaults.rules().stream()
                .collect(Collectors.groupingBy(Rule::category, TreeMap::new, Collectors.counting()));
        perCategory.forEach((category, count) -> assertTrue(count >= 50, category + " has only " + count + " rules"));
    }

    @Test
    void everySeverityFiveRuleIsAPhraseOrAnUnambiguousWord() {
        // A bare common word at severity 5 would page the DSL for schoolwork; single words at 5 must be
        // words with no innocent sense. This keeps the list honest as it grows.
        Set<String> allowedSingleWords = Set.of("kms", "kys", "killyourself", "sewerslide",
                "trapline", "cuckooing", "cuckooed", "jailbait", "lolicon", "shotacon", "nudify",
                "deepnude");
        List<String> bare = defaults.rules().stream()
                .filter(rule -> rule.severity() == 5 && !rule.term().contains(" "))
                .map(Rule::term)
                .filter(term -> !allowedSingleWords.contains(term))
                .toList();
        assertEquals(List.of(), bare);
    }

    @Test
    void innocentSchoolworkIdentityAndHealthSentencesRaiseNothing() throws IOException {
        List<String> sentences = innocentSentences();
        assertTrue(sentences.size() >= 60, sentences.size() + " sentences");
        List<String> noisy = new ArrayList<>();
        for (String sentence : sentences) {
            List<Hit> hits = matcher.scan(sentence);
            if (!hits.isEmpty()) {
                noisy.add(sentence + " -> " + describe(hits));
            }
        }
        assertEquals(List.of(), noisy);
    }

    @Test
    void innocentSentencesTypedKeyByKeyRaiseNothing() throws IOException {
        List<String> noisy = new ArrayList<>();
        for (String sentence : innocentSentences()) {
            List<Hit> hits = typeLine(sentence);
            if (!hits.isEmpty()) {
                noisy.add(sentence + " -> " + describe(hits));
            }
        }
        assertEquals(List.of(), noisy);
    }

    @Test
    void reportsRecallOnOurOwnLabelledLines() throws IOException {
        try (InputStream in = DefaultListsTest.class.getResourceAsStream("/eval/extra-corpus.tsv")) {
            Score score = score(readTsv(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
            score.print("wordlists/src/test/resources/eval/extra-corpus.tsv");
            assertTrue(CATEGORY_IDS.containsAll(score.labelled.keySet()), score.labelled.keySet().toString());
            assertEquals(CATEGORY_IDS, score.labelled.keySet(), "every category has labelled lines");
        }
    }

    @Test
    void reportsRecallOnTheSharedDevCorpus() throws IOException {
        Path corpus = findUpwards(DEV_CORPUS);
        assumeTrue(corpus != null, "no " + DEV_CORPUS + " above " + Path.of("").toAbsolutePath());
        try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            Score score = score(readTsv(reader));
            score.print(corpus.toString());
            assertTrue(CATEGORY_IDS.containsAll(score.labelled.keySet()),
                    "the corpus names categories the lists lack: " + score.labelled.keySet());
        }
    }

    private List<Hit> typeLine(String sentence) {
        Feed feed = matcher.newFeed();
        List<Hit> hits = new ArrayList<>();
        for (char c : sentence.toCharArray()) {
            hits.addAll(feed.type(c));
        }
        hits.addAll(feed.finishLine());
        return hits;
    }

    private static String describe(List<Hit> hits) {
        return hits.stream().map(h -> h.rule().id() + " \"" + h.matchedText() + "\"").collect(Collectors.joining(", "));
    }

    private static List<String> innocentSentences() throws IOException {
        try (InputStream in = DefaultListsTest.class.getResourceAsStream("/eval/innocent.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    private record Labelled(Set<String> expected, String text) {
    }

    private static List<Labelled> readTsv(BufferedReader reader) throws IOException {
        List<Labelled> lines = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || (lineNo == 1 && line.startsWith("expected\t"))) {
                continue;
            }
            int tab = line.indexOf('\t');
            assertTrue(tab > 0, "line " + lineNo + " has no tab: " + line);
            String expected = line.substring(0, tab);
            Set<String> categories = expected.equals("none") ? Set.of() : Set.of(expected.split("\\|"));
            lines.add(new Labelled(categories, line.substring(tab + 1)));
        }
        assertFalse(lines.isEmpty(), "no labelled lines");
        return lines;
    }

    /** The scoring rules of shared/eval/README.md: a line is detected when any hit is in an expected category. */
    private Score score(List<Labelled> lines) {
        Score score = new Score();
        for (Labelled line : lines) {
            Set<String> found = new HashSet<>();
            matcher.scan(line.text()).forEach(hit -> found.add(hit.rule().category()));
            if (line.expected().isEmpty()) {
                score.falsePositives += found.isEmpty() ? 0 : 1;
                continue;
            }
            boolean detected = found.stream().anyMatch(line.expected()::contains);
            score.lines++;
            score.detectedLines += detected ? 1 : 0;
            score.falsePositives += !detected && !found.isEmpty() ? 1 : 0;
            for (String category : line.expected()) {
                score.labelled.merge(category, 1, Integer::sum);
                score.detected.merge(category, detected ? 1 : 0, Integer::sum);
            }
        }
        return score;
    }

    private static final class Score {
        final Map<String, Integer> labelled = new TreeMap<>();
        final Map<String, Integer> detected = new TreeMap<>();
        int lines;
        int detectedLines;
        int falsePositives;

        void print(String source) {
            StringBuilder out = new StringBuilder("Recall of the default lists with the current matcher on ")
                    .append(source).append('\n');
            labelled.forEach((category, count) -> out.append(String.format("  %-18s %3d/%-3d %.3f%n",
                    category, detected.get(category), count, (double) detected.get(category) / count)));
            double precision = detectedLines + falsePositives == 0 ? 1.0
                    : (double) detectedLines / (detectedLines + falsePositives);
            out.append(String.format("  precision=%.3f recall=%.3f%n", precision, (double) detectedLines / lines));
            System.out.print(out);
        }
    }

    private static Path findUpwards(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
