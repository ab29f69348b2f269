package org.vigil.wordlists.normalise;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text-speak spellings of a listed phrase that writes a number for a word: "want to die" is also typed
 * "want2die", "want 2 die", "want2 die" and "want 2die"; "for" as "4", "tonight" as "2nite". The compiler adds
 * them as forms of the same rule, so lists keep to plain spelling. At most two such words per phrase are rewritten
 * (16 forms), which keeps the automaton small.
 */
public final class DigitWords {
    private static final Map<String, List<String>> DIGIT_FORMS = Map.of(
            "to", List.of("2"),
            "too", List.of("2"),
            "for", List.of("4"),
            "tonight", List.of("2nite", "2night"),
            "today", List.of("2day"),
            "tomorrow", List.of("2moro", "2morrow"),
            "before", List.of("b4"));
    private static final int MAX_REWRITTEN = 2;

    private DigitWords() {
    }

    /** Every digit spelling of {@code phrase} (words separated by single spaces), without the phrase itself. */
    public static List<String> of(String phrase) {
        String[] words = phrase.split(" ");
        Set<String> forms = new LinkedHashSet<>();
        chooseTokens(words, 0, new String[words.length], new boolean[words.length], 0, forms);
        forms.remove(phrase);
        return List.copyOf(forms);
    }

    private static void chooseTokens(String[] words, int i, String[] tokens, boolean[] digit, int rewritten,
                                     Set<String> into) {
        if (i == words.length) {
            if (rewritten > 0) {
                chooseGaps(tokens, digit, 1, new StringBuilder(tokens[0]), into);
            }
            return;
        }
        tokens[i] = words[i];
        digit[i] = false;
        chooseTokens(words, i + 1, tokens, digit, rewritten, into);
        List<String> digits = DIGIT_FORMS.get(words[i]);
        if (digits != null && rewritten < MAX_REWRITTEN) {
            for (String form : digits) {
                tokens[i] = form;
                digit[i] = true;
                chooseTokens(words, i + 1, tokens, digit, rewritten + 1, into);
            }
            tokens[i] = words[i];
            digit[i] = false;
        }
    }

    /** A gap beside a digit word may be a space or nothing ("want2die"); other gaps stay a space. */
    private static void chooseGaps(String[] tokens, boolean[] digit, int i, StringBuilder sofar, Set<String> into) {
        if (i == tokens.length) {
            into.add(sofar.toString());
            return;
        }
        int mark = sofar.length();
        sofar.append(' ').append(tokens[i]);
        chooseGaps(tokens, digit, i + 1, sofar, into);
        sofar.setLength(mark);
        if (digit[i - 1] || digit[i]) {
            sofar.append(tokens[i]);
            chooseGaps(tokens, digit, i + 1, sofar, into);
            sofar.setLength(mark);
        }
    }
}
