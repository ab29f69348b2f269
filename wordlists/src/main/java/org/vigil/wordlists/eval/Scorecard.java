package org.vigil.wordlists.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;

/**
 * Scores a matcher on labelled lines by the rules of ../shared/eval/README.md: a line is detected when any hit's
 * category is an expected one; a {@code none} line with any hit is a false positive; a labelled line whose hits
 * are all in other categories is a miss and a false positive. Per category, recall counts the category's lines
 * with a hit in that category, and precision the lines flagged with that category that expected it.
 */
public final class Scorecard {
    private final Map<String, CategoryScore> categories = new TreeMap<>();
    private final List<Outcome> misses = new ArrayList<>();
    private final List<Outcome> falsePositives = new ArrayList<>();
    private final boolean binary;
    private int lines;
    private int labelled;
    private int detected;
    private int falsePositiveCount;

    /** A line scored wrong, with what was found. */
    public record Outcome(Example example, Set<String> found) {
    }

    /** Counts for one category. */
    public record CategoryScore(int lines, int found, int flagged, int flaggedRight) {
        public double recall() {
            return lines == 0 ? 1 : (double) found / lines;
        }

        public double precision() {
            return flagged == 0 ? 1 : (double) flaggedRight / flagged;
        }
    }

    private Scorecard(boolean binary) {
        this.binary = binary;
    }

    /** Scores by category: a line is detected only by a hit in one of its expected categories. */
    public static Scorecard score(Matcher matcher, List<Example> examples) {
        return score(example -> matcher.scan(example.text()), examples, false);
    }

    /**
     * Scores either by category or, with {@code binary}, as a yes/no filter: any hit on a labelled line detects it,
     * any hit on a {@code none} line is a false positive, whatever the categories. Binary scoring is how a plain
     * profanity filter, which has no categories, is compared on the same files. Per-category counts are kept as
     * they are in either mode.
     */
    public static Scorecard score(Matcher matcher, List<Example> examples, boolean binary) {
        return score(example -> matcher.scan(example.text()), examples, binary);
    }

    static Scorecard score(Function<Example, List<Hit>> matching, List<Example> examples, boolean binary) {
        Scorecard card = new Scorecard(binary);
        for (Example example : examples) {
            Set<String> found = matching.apply(example).stream().map(hit -> hit.rule().category())
                    .collect(Collectors.toCollection(TreeSet::new));
            card.add(example, found);
        }
        return card;
    }

    private void add(Example example, Set<String> found) {
        Set<String> expected = example.expected();
        for (String category : expected) {
            categories.merge(category, new CategoryScore(1, found.contains(category) ? 1 : 0, 0, 0), Scorecard::sum);
        }
        for (String category : found) {
            categories.merge(category, new CategoryScore(0, 0, 1, expected.contains(category) ? 1 : 0), Scorecard::sum);
        }
        lines++;
        boolean hit = binary ? !expected.isEmpty() && !found.isEmpty() : found.stream().anyMatch(expected::contains);
        if (!expected.isEmpty()) {
            labelled++;
            if (hit) {
                detected++;
            } else {
                misses.add(new Outcome(example, found));
            }
        }
        if (!found.isEmpty() && !hit) {
            falsePositiveCount++;
            falsePositives.add(new Outcome(example, found));
        }
    }

    private static CategoryScore sum(CategoryScore a, CategoryScore b) {
        return new CategoryScore(a.lines + b.lines, a.found + b.found, a.flagged + b.flagged,
                a.flaggedRight + b.flaggedRight);
    }

    public double precision() {
        return detected + falsePositiveCount == 0 ? 0 : (double) detected / (detected + falsePositiveCount);
    }

    public double recall() {
        return labelled == 0 ? 0 : (double) detected / labelled;
    }

    public boolean binary() {
        return binary;
    }

    public Map<String, CategoryScore> categories() {
        return Map.copyOf(categories);
    }

    public List<Outcome> misses() {
        return List.copyOf(misses);
    }

    public List<Outcome> falsePositives() {
        return List.copyOf(falsePositives);
    }

    public int labelled() {
        return labelled;
    }

    public int detected() {
        return detected;
    }

    public int falsePositiveCount() {
        return falsePositiveCount;
    }

    public int lines() {
        return lines;
    }

    /** The per-category table and counts, then {@code precision=0.000 recall=0.000}. */
    public String report() {
        return report(false);
    }

    /**
     * The per-category table and counts, then (with {@code withLines}) every missed and wrongly flagged line, then
     * {@code precision=0.000 recall=0.000}.
     */
    public String report(boolean withLines) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-18s %6s %6s %8s %9s %7s%n",
                "category", "lines", "found", "flagged", "precision", "recall"));
        categories.forEach((id, s) -> out.append(String.format(Locale.ROOT, "%-18s %6d %6d %8d %9.3f %7.3f%n",
                id, s.lines(), s.found(), s.flagged(), s.precision(), s.recall())));
        out.append(String.format(Locale.ROOT, "lines labelled %d, detected %d, false positives %d%s%n",
                labelled, detected, falsePositiveCount, binary ? " (binary: any hit counts, whatever its category)" : ""));
        if (withLines) {
            misses.forEach(o -> out.append(describe("missed", o)));
            falsePositives.forEach(o -> out.append(describe("false positive", o)));
        }
        out.append(String.format(Locale.ROOT, "precision=%.3f recall=%.3f", precision(), recall()));
        return out.toString();
    }

    private static String describe(String what, Outcome outcome) {
        Example e = outcome.example();
        String expected = e.expected().isEmpty() ? "none" : String.join("|", new TreeSet<>(e.expected()));
        String found = outcome.found().isEmpty() ? "nothing" : String.join("|", outcome.found());
        return String.format(Locale.ROOT, "%s (line %d, expected %s, found %s): %s%n", what, e.line(), expected,
                found, e.text());
    }
}
