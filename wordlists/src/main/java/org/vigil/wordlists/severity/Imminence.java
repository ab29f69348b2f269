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

    /** {@link #WORDS} as the folded text has them, collapsed once here rather than for every hit. */
    private static final char[][] FORMS = WORDS.stream().map(word -> collapse(word).toCharArray()).toArray(char[][]::new);

    /** The first imminence word or phrase in folded text (whole words; runs of a letter are collapsed here too). */
    public static Optional<String> in(String text) {
        char[] folded = collapse(text).toCharArray();
        int found = indexIn(folded, folded.length);
        return found < 0 ? Optional.empty() : Optional.of(WORDS.get(found));
    }

    /**
     * Which imminence word (an index into {@link #word}) is first found, as a whole word, in {@code folded[0, length)}
     * (folded, runs collapsed); -1 for none. Allocates nothing: it runs for every hit of severity 3 or 4.
     */
    public static int indexIn(char[] folded, int length) {
        // the first word of the list found anywhere, as before; but only word starts are tried
        int first = -1;
        for (int at = 0; at < length; at++) {
            if (at > 0 && folded[at - 1] != ' ') {
                continue;
            }
            for (int w = 0; w < FORMS.length; w++) {
                char[] form = FORMS[w];
                if (folded[at] == form[0] && at + form.length <= length && startsAt(folded, at, form)
                        && (at + form.length == length || folded[at + form.length] == ' ')
                        && (w < first || first < 0)) {
                    first = w;
                }
            }
        }
        return first;
    }

    /** How many imminence words and phrases there are; their indexes are those of {@link #indexIn}. */
    public static int count() {
        return FORMS.length;
    }

    /** An imminence word or phrase as the folded text has it (runs collapsed), for matchers that fold as they read. */
    public static String form(int index) {
        return new String(FORMS[index]);
    }

    /** The imminence word or phrase {@link #indexIn} found, as listed ("tonight", "after school"). */
    public static String word(int index) {
        return WORDS.get(index);
    }

    private static boolean startsAt(char[] folded, int at, char[] form) {
        for (int k = 1; k < form.length; k++) {
            if (folded[at + k] != form[k]) {
                return false;
            }
        }
        return true;
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
