package org.vigil.wordlists;

import java.util.Arrays;

/**
 * A window of typed text folded as the word track sees it ({@link FoldedText}'s form), into arrays kept from one use to
 * the next: the checks on a candidate hit (exceptions, imminence) fold a few hundred chars each time, and would
 * otherwise allocate a string and two arrays per candidate. Not thread-safe: one per tracker.
 */
final class FoldBuffer {
    private char[] chars = new char[128];
    private int[] starts = new int[128];
    private int[] ends = new int[128];
    private int length;

    /** Folds {@code text[from, to)}: folded chars, ignored ones dropped, runs of one char collapsed. */
    FoldBuffer fold(CharSequence text, int from, int to) {
        return fold(text, from, to, to);
    }

    /**
     * Folds {@code text[from, to)} as a fold of {@code text[from, limit)} would have it, up to {@code to}: a masking
     * symbol reads as a letter when a word char follows before {@code limit}.
     */
    FoldBuffer fold(CharSequence text, int from, int to, int limit) {
        if (chars.length < to - from) {
            int size = Math.max(to - from, 2 * chars.length);
            chars = new char[size];
            starts = new int[size];
            ends = new int[size];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean low = Character.isLowSurrogate(c);
            char folded = Fold.of(c);
            // Fold.inWord reads neighbours only for a surrogate pair's low half and a masking symbol
            if (low || (folded == Fold.SEPARATOR && Fold.maskLetter(c) != 0)) {
                folded = Fold.inWord(text, i, limit);
            }
            if (folded == Fold.IGNORED) {
                continue;
            }
            if (n > 0 && chars[n - 1] == folded) {
                ends[n - 1] = i + 1;
                continue;
            }
            chars[n] = folded;
            starts[n] = low ? i - 1 : i;
            ends[n] = i + 1;
            n++;
        }
        length = n;
        return this;
    }

    int length() {
        return length;
    }

    char charAt(int i) {
        return chars[i];
    }

    /** The folded chars, read in place (valid up to {@link #length()} until the next {@link #fold}). */
    char[] chars() {
        return chars;
    }

    /** Index of the first folded char starting at or after {@code original}. */
    int firstAtOrAfter(int original) {
        int i = 0;
        while (i < length && starts[i] < original) {
            i++;
        }
        return i;
    }

    /** Index just past the last folded char ending at or before {@code original}. */
    int endAtOrBefore(int original) {
        int i = length;
        while (i > 0 && ends[i - 1] > original) {
            i--;
        }
        return i;
    }

    FoldedText toFoldedText() {
        return new FoldedText(new String(chars, 0, length), Arrays.copyOf(starts, length), Arrays.copyOf(ends, length));
    }
}
