package org.vigil.wordlists.typo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-slip misspellings of a word (docs/adr/0164): a letter dropped, a letter doubled, two neighbouring letters
 * swapped, a letter replaced by one on a touching QWERTY key. Only for words of {@link #MIN_LETTERS} or more plain
 * letters; shorter words have too many real words one slip away ("kil" is a misspelling of "kill" and of "kiln").
 */
public final class Typos {
    public static final int MIN_LETTERS = 6;

    private Typos() {
    }

    /** Whether {@code word} is long and plain enough to take misspellings. */
    public static boolean applies(String word) {
        return word.length() >= MIN_LETTERS && word.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }

    /** Every one-slip misspelling of {@code word}, each once (the first slip that gives it), never the word itself. */
    public static List<Misspelling> of(String word) {
        if (!applies(word)) {
            return List.of();
        }
        Map<String, Misspelling.Edit> typed = new LinkedHashMap<>();
        dropped(word).forEach(w -> typed.putIfAbsent(w, Misspelling.Edit.DROPPED));
        doubled(word).forEach(w -> typed.putIfAbsent(w, Misspelling.Edit.DOUBLED));
        swapped(word).forEach(w -> typed.putIfAbsent(w, Misspelling.Edit.SWAPPED));
        neighbourKeys(word).forEach(w -> typed.putIfAbsent(w, Misspelling.Edit.NEIGHBOUR_KEY));
        typed.remove(word);
        List<Misspelling> all = new ArrayList<>(typed.size());
        typed.forEach((w, edit) -> all.add(new Misspelling(w, word, edit)));
        return all;
    }

    /**
     * The slip that turns {@code word} into {@code typed}, if {@code typed} is one of its one-slip misspellings
     * ({@link #of}); empty otherwise. Used to confirm a word the matcher's index says may be a slip.
     */
    public static Optional<Misspelling> between(String typed, String word) {
        if (typed.isEmpty() || word.isEmpty() || typed.charAt(0) != word.charAt(0)
                || Math.abs(typed.length() - word.length()) > 1) {
            return Optional.empty();
        }
        return of(word).stream().filter(m -> m.typed().equals(typed)).findFirst();
    }

    /**
     * The first letter is never changed, dropped, doubled or swapped: it is the letter typists least often get wrong,
     * and leaving it saves a seventh of the forms (docs/adr/0164).
     */
    private static final int FIRST_EDITED = 1;

    static List<String> dropped(String word) {
        List<String> forms = new ArrayList<>();
        for (int i = FIRST_EDITED; i < word.length(); i++) {
            forms.add(word.substring(0, i) + word.substring(i + 1));
        }
        return forms;
    }

    /** A letter typed twice; not one already doubled, as three in a row already match as a stretched letter. */
    static List<String> doubled(String word) {
        List<String> forms = new ArrayList<>();
        for (int i = FIRST_EDITED; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean inRun = (i > 0 && word.charAt(i - 1) == c) || (i + 1 < word.length() && word.charAt(i + 1) == c);
            if (!inRun) {
                forms.add(word.substring(0, i + 1) + word.substring(i));
            }
        }
        return forms;
    }

    static List<String> swapped(String word) {
        List<String> forms = new ArrayList<>();
        for (int i = FIRST_EDITED; i + 1 < word.length(); i++) {
            if (word.charAt(i) != word.charAt(i + 1)) {
                forms.add(word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2));
            }
        }
        return forms;
    }

    static List<String> neighbourKeys(String word) {
        List<String> forms = new ArrayList<>();
        for (int i = FIRST_EDITED; i < word.length(); i++) {
            for (char near : Qwerty.neighbours(word.charAt(i)).toCharArray()) {
                forms.add(word.substring(0, i) + near + word.substring(i + 1));
            }
        }
        return forms;
    }
}
