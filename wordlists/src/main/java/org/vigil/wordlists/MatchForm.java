package org.vigil.wordlists;

import java.util.Arrays;

/**
 * A term or exception phrase in the form the automaton matches: folded char by char ({@link Fold}), separators
 * squeezed to one (or dropped, for the spaced-out and flexible forms), and each run of a repeated letter collapsed to
 * one char whose {@code runs} entry says how many the term had (0 for a separator: any number will do).
 *
 * @param chars the collapsed folded chars
 * @param runs  for each char, its run length in the term
 */
record MatchForm(String chars, int[] runs) {

    /** Folds {@code text}; with {@code squeeze} separators are dropped ("self harm" becomes "selfharm"). */
    static MatchForm of(String text, boolean squeeze) {
        StringBuilder chars = new StringBuilder(text.length());
        int[] runs = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char folded = Fold.at(text, i);
            if (folded == Fold.IGNORED || (squeeze && folded == Fold.SEPARATOR)) {
                continue;
            }
            int last = chars.length() - 1;
            if (folded == Fold.SEPARATOR && (last < 0 || chars.charAt(last) == Fold.SEPARATOR)) {
                continue;
            }
            if (last >= 0 && chars.charAt(last) == folded) {
                runs[last]++;
                continue;
            }
            chars.append(folded);
            runs[last + 1] = folded == Fold.SEPARATOR ? 0 : 1;
        }
        int length = chars.length();
        if (length > 0 && chars.charAt(length - 1) == Fold.SEPARATOR) {
            length--;
        }
        return new MatchForm(chars.substring(0, length), Arrays.copyOf(runs, length));
    }

    boolean isEmpty() {
        return chars.isEmpty();
    }

    boolean hasSeparator() {
        return chars.indexOf(Fold.SEPARATOR) >= 0;
    }
}
