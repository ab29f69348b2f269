package org.vigil.wordlists;

/**
 * Whether one of a rule's exception phrases covers a hit: "bath bomb" around "bomb". Runs only for real hits. Each
 * word of a phrase also matches with a possessive or plural s after it, so "romeo and juliet suicide" covers
 * "romeo and juliet's suicide" (apostrophes fold away, leaving "juliets").
 */
final class Exceptions {
    private Exceptions() {
    }

    /** Whether one of the pattern's exceptions covers {@code text[start, end)}; {@code window} is scratch space. */
    static boolean cover(CompiledTerm pattern, CharSequence text, int start, int end, FoldBuffer window) {
        if (pattern.exceptions().isEmpty()) {
            return false;
        }
        int reach = 0;
        for (String phrase : pattern.exceptions()) {
            reach = Math.max(reach, 2 * phrase.length());
        }
        int slack = 4 * reach + 8;
        int from = Math.max(0, start - slack);
        int to = Math.min(text.length(), end + slack);
        // A phrase is compared only within 2 * its length folded chars either side of the hit: fold that much (with
        // a margin) first, and the whole window only when the narrow one does not hold it (docs/adr/0187).
        int margin = reach + 16;
        int narrowFrom = Math.max(from, start - margin);
        int narrowTo = Math.min(to, end + margin);
        window.fold(text, narrowFrom, narrowTo, to);
        int first = window.firstAtOrAfter(start);
        int last = window.endAtOrBefore(end);
        if ((narrowFrom > from && last < reach) || (narrowTo < to && window.length() < first + reach + 2)) {
            window.fold(text, from, to);
            first = window.firstAtOrAfter(start);
            last = window.endAtOrBefore(end);
        }
        char[] chars = window.chars();
        int length = window.length();
        String term = pattern.form().chars();
        for (String phrase : pattern.exceptions()) {
            int termAt = phrase.indexOf(term);
            int termLast = termAt < 0 ? -1 : termAt + term.length() - 1;
            int earliest = Math.max(0, last - 2 * phrase.length());
            for (int at = earliest; at <= first && at < length; at++) {
                int matchedTo = matchEnd(chars, length, at, phrase, termLast);
                if (matchedTo >= last) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether any of {@code phrases} (already in word-track form) appears in the text around {@code start..end}: a
     * proximity rule's exceptions ("pills <6> tonight" except "vitamin pills") can be anywhere in the stretch.
     */
    static boolean anywhere(java.util.List<String> phrases, CharSequence text, int start, int end, FoldBuffer window) {
        if (phrases.isEmpty()) {
            return false;
        }
        int slack = 0;
        for (String phrase : phrases) {
            slack = Math.max(slack, 2 * phrase.length() + 8);
        }
        window.fold(text, Math.max(0, start - slack), Math.min(text.length(), end + slack));
        char[] chars = window.chars();
        int length = window.length();
        for (String phrase : phrases) {
            for (int at = 0; at < length; at++) {
                if (chars[at] == phrase.charAt(0) && matchEnd(chars, length, at, phrase, -1) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Where {@code phrase} ends when it matches {@code chars} at {@code at}, allowing an extra "s" at the end of
     * each of its words but the term's own (at {@code termLast}: "bet you" does not cover "bets you"); -1 when it
     * does not match there. Like the plain comparison before it, the phrase may sit
     * inside longer words ("better" covers "betterment").
     */
    static int matchEnd(char[] chars, int length, int at, String phrase, int termLast) {
        int i = at;
        for (int k = 0; k < phrase.length(); k++) {
            char p = phrase.charAt(k);
            boolean wordEnds = p != Fold.SEPARATOR && (k + 1 == phrase.length() || phrase.charAt(k + 1) == Fold.SEPARATOR);
            if (i >= length || chars[i] != p) {
                return -1;
            }
            i++;
            if (wordEnds && k != termLast && i < length && chars[i] == 's' && p != 's'
                    && (i + 1 == length || chars[i + 1] == Fold.SEPARATOR)) {
                i++;
            }
        }
        return i;
    }
}
