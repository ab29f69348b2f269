package org.vigil.wordlists;

import java.util.List;

/** The automaton patterns for one rule: which forms of its term go on which track. */
final class Patterns {
    private Patterns() {
    }

    static List<CompiledTerm> of(Rule rule) {
        boolean needsLetter = rule.term().codePoints().anyMatch(Character::isLetter);
        MatchForm words = MatchForm.of(rule.term(), false);
        MatchForm letters = MatchForm.of(rule.term(), true);
        List<String> exceptions = rule.exceptions().stream().map(e -> MatchForm.of(e, false).chars()).toList();
        int reach = forwardReach(words.chars(), exceptions);
        CompiledTerm spaced = new CompiledTerm(rule, letters, CompiledTerm.LETTER_TRACK, needsLetter, exceptions, reach);
        if (rule.mode() == MatchMode.FLEXIBLE_PHRASE) {
            return List.of(spaced);
        }
        return List.of(new CompiledTerm(rule, words, CompiledTerm.WORD_TRACK, needsLetter, exceptions, reach), spaced);
    }

    /** How far past the term's end an exception phrase can run: a hit waits that many folded chars. */
    private static int forwardReach(String term, List<String> exceptions) {
        int reach = 0;
        for (String phrase : exceptions) {
            int at = phrase.indexOf(term);
            reach = Math.max(reach, at < 0 ? phrase.length() : phrase.length() - at - term.length());
        }
        return reach;
    }
}
