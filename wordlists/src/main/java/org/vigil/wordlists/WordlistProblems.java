package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in one or more wordlist files, not just the first, so a person can fix them all in one go.
 * It is a {@link WordlistFormatException} naming the first problem, so callers that handle one error still work;
 * its message lists every problem kept, one a line ({@code file:line: reason}), then how many more there were.
 */
public final class WordlistProblems extends WordlistFormatException {
    /** At most this many problems are kept; beyond it they are only counted. */
    public static final int MAX_KEPT = 100;

    private final List<WordlistFormatException> problems;
    private final int total;

    private WordlistProblems(List<WordlistFormatException> problems, int total) {
        super(problems.get(0).source(), problems.get(0).line(), problems.get(0).reason(), message(problems, total));
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /** The problems kept (at most {@link #MAX_KEPT}), in the order found. */
    public List<WordlistFormatException> problems() {
        return problems;
    }

    /** How many problems there were in all, kept or not. */
    public int total() {
        return total;
    }

    /** The kept problems as {@code file:line: reason} lines, then "and N more problems" if some were dropped. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        problems.forEach(problem -> lines.add(one(problem)));
        if (total > problems.size()) {
            lines.add("and " + (total - problems.size()) + " more problems");
        }
        return lines;
    }

    private static String message(List<WordlistFormatException> problems, int total) {
        StringBuilder out = new StringBuilder();
        for (WordlistFormatException problem : problems) {
            out.append(out.isEmpty() ? "" : "\n").append(one(problem));
        }
        if (total > problems.size()) {
            out.append("\nand ").append(total - problems.size()).append(" more problems");
        }
        return out.toString();
    }

    private static String one(WordlistFormatException problem) {
        return problem.source() + ":" + problem.line() + ": " + problem.reason();
    }

    /** Collects problems as they are found; {@link #throwIfAny()} ends a check. */
    public static final class Collector {
        private final List<WordlistFormatException> kept = new ArrayList<>();
        private int total;

        public void add(WordlistFormatException problem) {
            if (problem instanceof WordlistProblems many) {
                many.problems.forEach(this::keep);
                total += many.total - many.problems.size();
            } else {
                keep(problem);
            }
        }

        private void keep(WordlistFormatException problem) {
            total++;
            if (kept.size() < MAX_KEPT) {
                kept.add(problem);
            }
        }

        public boolean isEmpty() {
            return total == 0;
        }

        /** @throws WordlistProblems if any problem was collected */
        public void throwIfAny() {
            if (total > 0) {
                throw new WordlistProblems(kept, total);
            }
        }
    }
}
