package org.vigil.wordlists;

import java.util.List;
import java.util.Optional;

/**
 * One string in the automaton and the rule it stands for. A rule gives one per track it is matched on:
 * the word track sees the text with separators squeezed to one; the letters track sees letters only, for
 * spaced-out dodges ("k y s") and flexible phrases ("selfharm").
 *
 * @param rule          the rule
 * @param form          the folded, collapsed term
 * @param track         {@link #WORD_TRACK} (where the automaton sees it after a separator, so only at a word's
 *                      start) or {@link #LETTER_TRACK}
 * @param needsLetter   the term has a letter, so a span of digits and symbols alone ("455") cannot be it
 * @param exceptions    the rule's exception phrases in word-track form
 * @param forwardReach  how many folded chars an exception can run past the term's end; a hit waits for them
 * @param derivation    how the compiler derived this form from the listed term (an inflection, digits for words),
 *                      empty for the term itself; the hit names it
 * @param side          for a proximity rule's word or phrase, which side of {@code <N>} it is on (0 or 1), and
 *                      {@link #NOT_A_SIDE} for any other term; a side is recorded, never reported on its own
 * @param within        for a side, its rule's distance in words (read once here, not per keystroke); else 0
 */
record CompiledTerm(Rule rule, MatchForm form, int track, boolean needsLetter, List<String> exceptions, int forwardReach,
                    Optional<Normalisation> derivation, int side, int within) {
    static final int NOT_A_SIDE = -1;
    static final int WORD_TRACK = 1;
    static final int LETTER_TRACK = 2;

    boolean reportsAtWordEnd() {
        return rule.mode() != MatchMode.WORD_PREFIX;
    }

    /** Words in the form, for a proximity side: "all of them" is three. */
    int words() {
        int words = 1;
        String chars = form.chars();
        for (int i = 0; i < chars.length(); i++) {
            words += chars.charAt(i) == Fold.SEPARATOR ? 1 : 0;
        }
        return words;
    }

    /** Spaces in the rule's term: how many word gaps a spaced-out phrase may keep ("k-i-l-l myself"). */
    int termSpaces() {
        int spaces = 0;
        String term = rule.term();
        for (int i = 0; i < term.length(); i++) {
            spaces += term.charAt(i) == ' ' ? 1 : 0;
        }
        return spaces;
    }

    boolean flexible() {
        return rule.mode() == MatchMode.FLEXIBLE_PHRASE;
    }

    /** The {@link Automaton} flag bit this term sets on the states where it ends. */
    int flag() {
        if (track == WORD_TRACK) {
            return reportsAtWordEnd() ? Automaton.WORD_END : Automaton.WORD_PREFIX;
        }
        if (flexible()) {
            return Automaton.LETTER_FLEXIBLE;
        }
        return reportsAtWordEnd() ? Automaton.LETTER_END : Automaton.LETTER_PREFIX;
    }
}
