package org.vigil.wordlists.proximity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proximity term: one of the first words or phrases within {@code within} words of one of the second, in either
 * order, in the same line. Written {@code pills/tablets <6> tonight/all of them}: alternatives joined by {@code /},
 * the distance in angle brackets (1 to 20 words between them). See wordlists/README.md and docs/adr/0163.
 *
 * @param first  the alternatives on one side, lower case, single-spaced
 * @param within the most words allowed between the two
 * @param second the alternatives on the other side
 */
public record Proximity(List<String> first, int within, List<String> second) {
    public static final int MAX_WITHIN = 20;
    private static final Pattern SHAPE = Pattern.compile("(.*?)\\s*<\\s*(\\d{1,3})\\s*>\\s*(.*)");

    public Proximity {
        first = List.copyOf(first);
        second = List.copyOf(second);
    }

    /** Whether a term is written as a proximity term (it has {@code <N>}); it may still be malformed. */
    public static boolean looksLikeOne(String term) {
        return SHAPE.matcher(term).matches();
    }

    /**
     * Reads a proximity term; empty when the term is not one.
     *
     * @throws IllegalArgumentException when it is one but malformed, with the reason in words
     */
    public static Optional<Proximity> parse(String term) {
        Matcher m = SHAPE.matcher(term);
        if (!m.matches()) {
            return Optional.empty();
        }
        int within = Integer.parseInt(m.group(2));
        if (within < 1 || within > MAX_WITHIN) {
            throw new IllegalArgumentException("a proximity distance is 1 to " + MAX_WITHIN + " words, got " + within);
        }
        return Optional.of(new Proximity(alternatives(m.group(1)), within, alternatives(m.group(3))));
    }

    /** Every alternative on both sides. */
    public List<String> alternatives() {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    /** As an explanation says it: {@code "pills" or "tablets" within 6 words of "tonight"}. */
    public String describe() {
        return quoted(first) + " within " + within + " words of " + quoted(second);
    }

    /** The first three alternatives, then how many more: explanations stay readable. */
    private static String quoted(List<String> words) {
        String shown = String.join(" or ", words.stream().limit(3).map(w -> "\"" + w + "\"").toList());
        return words.size() > 3 ? shown + " (or " + (words.size() - 3) + " more)" : shown;
    }

    private static List<String> alternatives(String side) {
        List<String> words = Arrays.stream(side.split("/", -1)).map(String::strip).toList();
        if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(
                    "a proximity term is 'a/b <N> c/d': words or phrases on both sides of <N>, joined by '/'");
        }
        for (String word : words) {
            if (word.indexOf('*') >= 0 || word.indexOf('~') >= 0 || word.indexOf('<') >= 0 || word.startsWith("=")) {
                throw new IllegalArgumentException("a proximity term's words are plain words or phrases: \"" + word + "\"");
            }
        }
        return words;
    }
}
