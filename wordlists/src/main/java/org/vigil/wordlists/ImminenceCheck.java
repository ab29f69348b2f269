package org.vigil.wordlists;

import org.vigil.wordlists.severity.Imminence;

/**
 * {@link Imminence#indexIn} over a window of typed text folded as {@link FoldBuffer#fold} folds it, read in one pass
 * without building the folded window (docs/adr/0187): it runs for every hit of severity 3 or 4. Folded chars go into
 * a small ring, and at each folded separator (and at the window's end) the imminence forms that would end just before
 * it are compared backwards, each preceded by a separator or the window's start, as {@code indexIn} requires. Not
 * thread-safe: one per tracker.
 */
final class ImminenceCheck {
    private static final char[][] FORMS = new char[Imminence.count()][];
    private static final int RING = 32;

    static {
        for (int w = 0; w < FORMS.length; w++) {
            FORMS[w] = Imminence.form(w).toCharArray();
            if (FORMS[w].length >= RING) {
                throw new IllegalStateException("an imminence form longer than the ring: " + Imminence.form(w));
            }
        }
    }

    private final char[] ring = new char[RING];

    /** The index of the first-listed imminence word in {@code text[from, to)} as folded, or -1. */
    int indexIn(CharSequence text, int from, int to) {
        int n = 0;
        char previous = 0;
        int first = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            char folded = Fold.of(c);
            if (Character.isLowSurrogate(c) || (folded == Fold.SEPARATOR && Fold.maskLetter(c) != 0)) {
                folded = Fold.inWord(text, i, to);
            }
            if (folded == Fold.IGNORED || (n > 0 && folded == previous)) {
                continue;
            }
            if (folded == Fold.SEPARATOR && n > 0) {
                first = endingAt(n, first);
            }
            ring[n & (RING - 1)] = folded;
            previous = folded;
            n++;
        }
        return n > 0 ? endingAt(n, first) : first;
    }

    /** {@code first}, or a form listed before it that ends at folded index {@code n - 1} and starts a word. */
    private int endingAt(int n, int first) {
        char last = ring[(n - 1) & (RING - 1)];
        int forms = first < 0 ? FORMS.length : first;
        for (int w = 0; w < forms; w++) {
            char[] form = FORMS[w];
            int length = form.length;
            if (form[length - 1] != last || length > n
                    || (length < n && ring[(n - length - 1) & (RING - 1)] != Fold.SEPARATOR)) {
                continue;
            }
            int k = length - 2;
            while (k >= 0 && ring[(n - length + k) & (RING - 1)] == form[k]) {
                k--;
            }
            if (k < 0) {
                return w;
            }
        }
        return first;
    }
}
