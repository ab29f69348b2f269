package org.vigil.wordlists;

/** Whether one of a rule's exception phrases covers a hit: "bath bomb" around "bomb". Runs only for real hits. */
final class Exceptions {
    private Exceptions() {
    }

    static boolean cover(CompiledTerm pattern, CharSequence text, int start, int end) {
        if (pattern.exceptions().isEmpty()) {
            return false;
        }
        int reach = 0;
        for (String phrase : pattern.exceptions()) {
            reach = Math.max(reach, phrase.length());
        }
        int slack = 4 * reach + 8;
        int from = Math.max(0, start - slack);
        FoldedText window = FoldedText.of(text, from, Math.min(text.length(), end + slack));
        int first = window.firstAtOrAfter(start);
        int last = window.endAtOrBefore(end);
        String chars = window.chars();
        for (String phrase : pattern.exceptions()) {
            int at = chars.indexOf(phrase, Math.max(0, last - phrase.length()));
            if (at >= 0 && at <= first) {
                return true;
            }
        }
        return false;
    }
}
