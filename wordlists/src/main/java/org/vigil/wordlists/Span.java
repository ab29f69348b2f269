package org.vigil.wordlists;

/**
 * Checks on a candidate span of typed text, read back through {@link Fold}. None of them allocates: they run for
 * every candidate the automaton reports, most of which are rejected (a term inside a longer word).
 */
final class Span {
    private Span() {
    }

    /**
     * Where a match of {@code form} ending at {@code end} starts, walking back run by run; -1 if a run's length
     * does not fit the term's (a letter the term doubles must be doubled or stretched to three or more).
     */
    static int startOf(CharSequence text, int floor, int end, MatchForm form, boolean lettersOnly) {
        return startOf(text, floor, end, form, lettersOnly, false);
    }

    /**
     * As {@link #startOf(CharSequence, int, int, MatchForm, boolean)}; with {@code doubledEnd}, the term's last letter
     * (single in the term) may also be typed twice ("bitchess", docs/adr/0164).
     */
    static int startOf(CharSequence text, int floor, int end, MatchForm form, boolean lettersOnly, boolean doubledEnd) {
        int[] runs = form.runs();
        int k = runs.length - 1;
        char runChar = 0;
        int runLength = 0;
        int start = -1;
        for (int i = end - 1; i >= floor; i--) {
            char folded = Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED || (lettersOnly && folded == Fold.SEPARATOR)) {
                continue;
            }
            if (runLength > 0 && folded == runChar) {
                runLength++;
                start = i;
                continue;
            }
            if (runLength > 0) {
                if (!runFits(runLength, runs[k]) && !(doubledEnd && k == runs.length - 1 && runLength == 2
                        && runs[k] == 1)) {
                    return -1;
                }
                if (--k < 0) {
                    return start;
                }
            }
            runChar = folded;
            runLength = 1;
            start = Character.isLowSurrogate(text.charAt(i)) && i > floor ? i - 1 : i;
        }
        return runLength > 0 && k == 0 && runFits(runLength, runs[0]) ? start : -1;
    }

    static boolean runFits(int typed, int term) {
        return term == 0 || typed == term || (typed >= 3 && typed > term);
    }

    /** Whether any run in the span is longer than the term's: the pupil stretched a letter. */
    static boolean stretched(CharSequence text, int start, int end, MatchForm form, boolean lettersOnly) {
        int[] runs = form.runs();
        int k = -1;
        char runChar = 0;
        int runLength = 0;
        for (int i = start; i < end; i++) {
            char folded = Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED || (lettersOnly && folded == Fold.SEPARATOR)) {
                continue;
            }
            if (k >= 0 && folded == runChar) {
                runLength++;
                continue;
            }
            if (k >= 0 && k < runs.length && runs[k] > 0 && runLength > runs[k]) {
                return true;
            }
            k++;
            runChar = folded;
            runLength = 1;
        }
        return k >= 0 && k < runs.length && runs[k] > 0 && runLength > runs[k];
    }

    /** The char before {@code start} (marks aside) is a separator or the start of the text. */
    static boolean wordStartsAt(CharSequence text, int floor, int start) {
        for (int i = start - 1; i >= floor; i--) {
            char folded = Fold.inWord(text, i, text.length());
            if (folded != Fold.IGNORED) {
                return folded == Fold.SEPARATOR;
            }
        }
        return true;
    }

    /** Two or more single letters with separators between them, and nothing else. */
    static boolean spacedOut(CharSequence text, int start, int end) {
        int tokens = 0;
        int inToken = 0;
        for (int i = start; i < end; i++) {
            char folded = Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED) {
                continue;
            }
            if (folded == Fold.SEPARATOR) {
                inToken = 0;
                continue;
            }
            if (++inToken > 1) {
                return false;
            }
            tokens++;
        }
        return tokens >= 2;
    }

    /**
     * Letters spaced out inside the words of a phrase ("k-i-l-l myself", "i want to d.i.e"): at least one separator
     * between two single letters, and no more other separator runs than the term has spaces. The automaton already
     * matched the letters, so this only checks how they were split.
     */
    static boolean spacedWithinWords(CharSequence text, int start, int end, int termSpaces) {
        int betweenSingles = 0;
        int otherGaps = 0;
        int previousToken = 0;
        int token = 0;
        boolean inGap = false;
        for (int i = start; i <= end; i++) {
            char folded = i == end ? Fold.SEPARATOR : Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED) {
                continue;
            }
            if (folded != Fold.SEPARATOR) {
                token++;
                inGap = false;
                continue;
            }
            if (!inGap && token > 0) {
                if (previousToken > 0) {
                    if (previousToken == 1 && token == 1) {
                        betweenSingles++;
                    } else {
                        otherGaps++;
                    }
                }
                previousToken = token;
                token = 0;
            }
            inGap = true;
        }
        return betweenSingles > 0 && otherGaps <= termSpaces;
    }

    /** Whether the span holds anything but digits and separators: "455" is a number, "@55" a dodge. */
    static boolean notJustDigits(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isDigit(c) && Fold.isWord(Fold.inWord(text, i, end))) {
                return true;
            }
        }
        return false;
    }

    /** How many separator runs the span holds. */
    static int gaps(CharSequence text, int start, int end) {
        int gaps = 0;
        boolean inGap = false;
        for (int i = start; i < end; i++) {
            boolean separator = Fold.inWord(text, i, end) == Fold.SEPARATOR;
            if (separator && !inGap) {
                gaps++;
            }
            inGap = separator;
        }
        return gaps;
    }

    static int normalisationsUsed(CharSequence text, int start, int end) {
        int how = 0;
        for (int i = start; i < end; i++) {
            how |= Fold.howAt(text, i);
            if (Fold.at(text, i) == Fold.SEPARATOR && Fold.inWord(text, i, end) != Fold.SEPARATOR) {
                how |= 1 << Normalisation.MASKED.ordinal();
            }
        }
        return how;
    }
}
