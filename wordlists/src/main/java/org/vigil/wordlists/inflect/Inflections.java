package org.vigil.wordlists.inflect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The regular English endings of one listed word, which the compiler adds as forms of the same rule: plural and
 * possessive (-s, -es, -ies; "juliet's" folds to "juliets", as apostrophes are ignored) and the verb endings -ed and
 * -ing (with a final e dropped or a final consonant doubled as English spells them: "stab" gives "stabbed"). Only
 * plain words of three or more letters are inflected; an entry written {@code =word} is matched exactly as listed.
 */
public final class Inflections {
    private static final String VOWELS = "aeiou";

    private Inflections() {
    }

    /** The inflected forms of {@code word}, lower case, without the word itself; empty when it is not a plain word. */
    public static List<String> of(String word) {
        if (word.length() < 3 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return List.of();
        }
        Set<String> forms = new LinkedHashSet<>();
        int n = word.length();
        char last = word.charAt(n - 1);
        char beforeLast = word.charAt(n - 2);
        if (last == 's' || last == 'x' || last == 'z' || word.endsWith("ch") || word.endsWith("sh")) {
            forms.add(word + "es");
        } else if (last == 'y' && !isVowel(beforeLast)) {
            forms.add(word.substring(0, n - 1) + "ies");
            forms.add(word.substring(0, n - 1) + "ied");
            forms.add(word + "ing");
        } else {
            forms.add(word + "s");
        }
        if (last == 'e') {
            forms.add(word + "d");
            forms.add(word.substring(0, n - 1) + "ing");
        } else if (last != 'y') {
            forms.add(word + "ed");
            forms.add(word + "ing");
            if (endsConsonantVowelConsonant(word)) {
                forms.add(word + last + "ed");
                forms.add(word + last + "ing");
            }
        }
        forms.remove(word);
        return List.copyOf(forms);
    }

    private static boolean endsConsonantVowelConsonant(String word) {
        int n = word.length();
        char last = word.charAt(n - 1);
        return !isVowel(last) && "wxy".indexOf(last) < 0 && isVowel(word.charAt(n - 2)) && !isVowel(word.charAt(n - 3));
    }

    private static boolean isVowel(char c) {
        return VOWELS.indexOf(c) >= 0;
    }
}
