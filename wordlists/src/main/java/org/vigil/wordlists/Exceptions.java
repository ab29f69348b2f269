package org.vigil.wordlists;

/**
 * Whether one of a rule's exception phrases covers a hit: "bath bomb" around "bomb". Runs only for real hits. Each
 * word of a phrase also matches with a possessive or plural s after it, so "romeo and juliet suicide" covers
 * "romeo and juliet's suicide" (apostrophes fold away, leaving "juliets").
 */
final class Exceptions {
    private Exceptions() {
    }

    static boolean cover(CompiledTerm pattern, CharSequence text, int start, int end) {
        if (pattern.exceptions().isEmpty()) {
            return false;
        }
        int reach = 0;
        for (String phrase : pattern.exceptions()) {
            reach = Math.max(reach, 2 * phrase.length());
        }
        int slack = 4 * reach + 8;
        int from = Math.max(0, start - slack);
        FoldedText window = FoldedText.of(text, from, Math.min(text.length(), end + slack));
        int first = window.firstAtOrAfter(start);
        int last = window.endAtOrBefore(end);
        String chars = window.chars();
        String term = pattern.form().chars();
        for (String phrase : pattern.exceptions()) {
            int termAt = phrase.indexOf(term);
            int termLast = termAt < 0 ? -1 : termAt + term.length() - 1;
            int earliest = Math.max(0, last - 2 * phrase.length());
            for (int at = earliest; at <= first && at < chars.length(); at++) {
                int matchedTo = matchEnd(chars, at, phrase, termLast);
                if (matchedTo >= last) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether any of {@code phrases} (word-track form) appears in the text around {@code start..end}: a proximity
     * rule's exceptions ("pills <6> tonight" except "vitamin pills") can be anywhere in the stretch.
     */
    static boolean anywhere(java.util.List<String> phrases, CharSequence text, int start, int end) {
        if (phrases.isEmpty()) {
            return false;
        }
        int slack = 0;
        for (String phrase : phrases) {
            slack = Math.max(slack, 2 * phrase.length() + 8);
        }
        FoldedText window = FoldedText.of(text, Math.max(0, start - slack), Math.min(text.length(), end + slack));
        String chars = window.chars();
        for (String phrase : phrases) {
            String form = MatchForm.of(phrase, false).chars();
            for (int at = 0; at < chars.length(); at++) {
                if (matchEnd(chars, at, form, -1) >= 0) {
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
    static int matchEnd(String chars, int at, String phrase, int termLast) {
        int i = at;
        for (int k = 0; k < phrase.length(); k++) {
            char p = phrase.charAt(k);
            boolean wordEnds = p != Fold.SEPARATOR && (k + 1 == phrase.length() || phrase.charAt(k + 1) == Fold.SEPARATOR);
            if (i >= chars.length() || chars.charAt(i) != p) {
                return -1;
            }
            i++;
            if (wordEnds && k != termLast && i < chars.length() && chars.charAt(i) == 's' && p != 's'
                    && (i + 1 == chars.length() || chars.charAt(i + 1) == Fold.SEPARATOR)) {
                i++;
            }
        }
        return i;
    }
}
