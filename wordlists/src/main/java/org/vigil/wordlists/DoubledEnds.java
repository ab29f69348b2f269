package org.vigil.wordlists;

import java.util.HashSet;
import java.util.Set;

/**
 * Which single-word forms also match with their last letter typed twice ("bitchess" for "bitches", "hoee" for
 * "hoe"), a stretch the run-length check otherwise refuses because a doubled letter usually makes another word
 * ("loser", "looser"). Allowed only where the doubled form is no English word and no listed word (docs/adr/0164).
 */
final class DoubledEnds {
    private static final int MIN_LETTERS = 3;

    private DoubledEnds() {
    }

    /** The word a pattern would be with its last letter doubled, or null when it cannot take one. */
    static String doubled(CompiledTerm pattern) {
        MatchForm form = pattern.form();
        int[] runs = form.runs();
        if (pattern.track() != CompiledTerm.WORD_TRACK || !pattern.reportsAtWordEnd() || pattern.rule().exact()
                || form.hasSeparator() || runs.length == 0 || runs[runs.length - 1] != 1) {
            return null;
        }
        StringBuilder word = new StringBuilder();
        String chars = form.chars();
        for (int k = 0; k < chars.length(); k++) {
            char c = chars.charAt(k);
            if (c < 'a' || c > 'z') {
                return null;
            }
            word.append(String.valueOf(c).repeat(runs[k]));
        }
        return word.length() < MIN_LETTERS ? null : word.append(chars.charAt(chars.length() - 1)).toString();
    }

    /** The doubled words of every pattern that can take one, to ask the English word list about. */
    static Set<String> candidates(CompiledTerm[] patterns) {
        Set<String> words = new HashSet<>();
        for (CompiledTerm pattern : patterns) {
            String doubled = doubled(pattern);
            if (doubled != null) {
                words.add(doubled);
            }
        }
        return words;
    }

    /** For each pattern, whether a doubled last letter still reads as it. */
    static boolean[] allowed(CompiledTerm[] patterns, Set<String> english, Set<String> listed) {
        boolean[] allowed = new boolean[patterns.length];
        for (int p = 0; p < patterns.length; p++) {
            String doubled = doubled(patterns[p]);
            allowed[p] = doubled != null && !english.contains(doubled) && !listed.contains(doubled);
        }
        return allowed;
    }
}
