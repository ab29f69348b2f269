package org.vigil.wordlists.severity;

import java.util.List;
import java.util.Optional;

/**
 * Words that say something is about to happen ("tonight", "after school", "now"). A hit with one of them earlier in
 * its line, or inside it, is one severity higher (at most 5): "tonight i'm going to take them all" is more urgent
 * than the same words with no time. See docs/adr/0163.
 */
public final class Imminence {
    /** In the folded, single-spaced form the matcher compares (apostrophes gone, runs of a letter collapsed). */
    private static final List<String> WORDS = List.of("tonight", "tonite", "2nite", "2night", "right now", "now",
            "today", "2day", "after school", "this evening", "in an hour", "before school", "at lunch");
    /** How far before a hit an imminence word still counts, in folded chars (about eight words). */
    public static final int REACH = 48;

    private Imminence() {
    }

    /** The first imminence word or phrase in folded text (whole words; runs of a letter are collapsed here too). */
    public static Optional<String> in(String text) {
        String folded = collapse(text);
        for (String word : WORDS) {
            String form = collapse(word);
            for (int at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) {
                int end = at + form.length();
                boolean startsWord = at == 0 || folded.charAt(at - 1) == ' ';
                boolean endsWord = end == folded.length() || folded.charAt(end) == ' ';
                if (startsWord && endsWord) {
                    return Optional.of(word);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs of a letter collapsed to one, as the folded text has them ("2nite", "tonight" stay; "right now" too). */
    private static String collapse(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                out.append(word.charAt(i));
            }
        }
        return out.toString();
    }
}
