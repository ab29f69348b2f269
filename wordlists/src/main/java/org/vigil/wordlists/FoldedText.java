package org.vigil.wordlists;

import java.util.Arrays;

/**
 * A stretch of typed text in the word track's form (folded, separators squeezed, repeated letters collapsed), with
 * each folded char's span in the original text so a position found here maps back exactly.
 *
 * @param chars  the folded text
 * @param starts for each folded char, the index in the original text of its first char
 * @param ends   for each folded char, the index just past its last char
 */
public record FoldedText(String chars, int[] starts, int[] ends) {

    public static FoldedText of(CharSequence text) {
        return of(text, 0, text.length());
    }

    static FoldedText of(CharSequence text, int from, int to) {
        StringBuilder chars = new StringBuilder(to - from);
        int[] starts = new int[to - from];
        int[] ends = new int[to - from];
        for (int i = from; i < to; i++) {
            char folded = Fold.inWord(text, i, to);
            if (folded == Fold.IGNORED) {
                continue;
            }
            int last = chars.length() - 1;
            if (last >= 0 && chars.charAt(last) == folded) {
                ends[last] = i + 1;
                continue;
            }
            chars.append(folded);
            starts[last + 1] = Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
            ends[last + 1] = i + 1;
        }
        int length = chars.length();
        return new FoldedText(chars.toString(), Arrays.copyOf(starts, length), Arrays.copyOf(ends, length));
    }

    /** Index of the first folded char starting at or after {@code original}. */
    int firstAtOrAfter(int original) {
        int i = 0;
        while (i < starts.length && starts[i] < original) {
            i++;
        }
        return i;
    }

    /** Index just past the last folded char ending at or before {@code original}. */
    int endAtOrBefore(int original) {
        int i = ends.length;
        while (i > 0 && ends[i - 1] > original) {
            i--;
        }
        return i;
    }
}
