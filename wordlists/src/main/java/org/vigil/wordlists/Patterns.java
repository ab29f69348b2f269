package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.wordlists.inflect.Inflections;
import org.vigil.wordlists.normalise.DigitWords;
import org.vigil.wordlists.proximity.Proximity;

/** The automaton patterns for one rule: which forms of its term go on which track. */
final class Patterns {
    private Patterns() {
    }

    /**
     * @param listedForms the word-track forms of every rule in the list: an inflected form that is itself listed
     *                    ("retards" beside "retard") is left to its own rule, so one word is one hit
     */
    static List<CompiledTerm> of(Rule rule, Set<String> listedForms) {
        Optional<Proximity> proximity = rule.proximity();
        if (proximity.isPresent()) {
            return sides(rule, proximity.get());
        }
        boolean needsLetter = rule.term().codePoints().anyMatch(Character::isLetter);
        MatchForm words = MatchForm.of(rule.term(), false);
        MatchForm letters = MatchForm.of(rule.term(), true);
        List<String> exceptions = rule.exceptions().stream().map(e -> MatchForm.of(e, false).chars()).toList();
        int reach = forwardReach(words.chars(), exceptions);
        CompiledTerm spaced = new CompiledTerm(rule, letters, CompiledTerm.LETTER_TRACK, needsLetter, exceptions, reach,
                Optional.empty(), CompiledTerm.NOT_A_SIDE, 0);
        if (rule.mode() == MatchMode.FLEXIBLE_PHRASE) {
            return List.of(spaced);
        }
        List<CompiledTerm> patterns = new ArrayList<>();
        patterns.add(new CompiledTerm(rule, words, CompiledTerm.WORD_TRACK, needsLetter, exceptions, reach, Optional.empty(), CompiledTerm.NOT_A_SIDE, 0));
        patterns.add(spaced);
        if (rule.plainTerm().indexOf(' ') < 0) {
            for (MatchForm masked : maskedVowels(words)) {
                patterns.add(new CompiledTerm(rule, masked, CompiledTerm.WORD_TRACK, true, exceptions, reach, Optional.empty(), CompiledTerm.NOT_A_SIDE, 0));
            }
        } else {
            for (String form : DigitWords.of(rule.plainTerm())) {
                MatchForm digits = MatchForm.of(form, false);
                if (!listedForms.contains(digits.chars())) {
                    patterns.add(new CompiledTerm(rule, digits, CompiledTerm.WORD_TRACK, true, exceptions,
                            forwardReach(digits.chars(), exceptions), Optional.of(Normalisation.DIGIT_WORDS), CompiledTerm.NOT_A_SIDE, 0));
                }
            }
        }
        if (rule.inflects()) {
            for (String form : Inflections.of(rule.plainTerm())) {
                MatchForm inflected = MatchForm.of(form, false);
                if (listedForms.contains(inflected.chars())) {
                    continue;
                }
                List<String> inflectedExceptions = exceptions.stream()
                        .map(phrase -> replaceWord(phrase, words.chars(), inflected.chars())).toList();
                patterns.add(new CompiledTerm(rule, inflected, CompiledTerm.WORD_TRACK, true, inflectedExceptions,
                        forwardReach(inflected.chars(), inflectedExceptions), Optional.of(Normalisation.INFLECTED), CompiledTerm.NOT_A_SIDE, 0));
            }
        }
        return patterns;
    }

    /**
     * The word with one vowel (not its first letter) read as {@link Fold#WILDCARD}, for a {@code *} or {@code #}
     * typed in its place ("p*rn", "f**k": a run of any length).
     */
    private static List<MatchForm> maskedVowels(MatchForm word) {
        List<MatchForm> forms = new ArrayList<>();
        String chars = word.chars();
        for (int k = 1; k < chars.length(); k++) {
            if ("aeiou".indexOf(chars.charAt(k)) >= 0) {
                int[] runs = word.runs().clone();
                runs[k] = 0;
                forms.add(new MatchForm(chars.substring(0, k) + Fold.WILDCARD + chars.substring(k + 1), runs));
            }
        }
        return forms;
    }

    /**
     * A proximity rule's words and phrases, each on the word track with its side; single words with their plural,
     * possessive and verb forms, phrases with their digit forms. Exceptions are checked on the pair, not here.
     */
    private static List<CompiledTerm> sides(Rule rule, Proximity proximity) {
        List<CompiledTerm> patterns = new ArrayList<>();
        // folded once here, not at every hit: the tracker checks them anywhere in the stretch (Exceptions.anywhere)
        List<String> exceptions = rule.exceptions().stream().map(e -> MatchForm.of(e, false).chars()).toList();
        for (int side = 0; side < 2; side++) {
            for (String alternative : side == 0 ? proximity.first() : proximity.second()) {
                List<String> forms = new ArrayList<>();
                forms.add(alternative);
                forms.addAll(alternative.indexOf(' ') < 0 ? Inflections.of(alternative) : DigitWords.of(alternative));
                for (String form : forms) {
                    patterns.add(new CompiledTerm(rule, MatchForm.of(form, false), CompiledTerm.WORD_TRACK,
                            form.codePoints().anyMatch(Character::isLetter), exceptions, 0, Optional.empty(), side,
                            proximity.within()));
                }
            }
        }
        return patterns;
    }

    /** The word-track form a rule's own term compiles to. */
    static String listedForm(Rule rule) {
        return MatchForm.of(rule.term(), false).chars();
    }

    /** {@code phrase} with the whole word {@code word} written as {@code inflected}: "kill time" to "killing time". */
    private static String replaceWord(String phrase, String word, String inflected) {
        String spaced = " " + phrase + " ";
        return spaced.replace(" " + word + " ", " " + inflected + " ").strip();
    }

    /** How far past the term's end an exception phrase can run: a hit waits that many folded chars. */
    private static int forwardReach(String term, List<String> exceptions) {
        int reach = 0;
        for (String phrase : exceptions) {
            int at = phrase.indexOf(term);
            int words = phrase.split(" ").length;
            reach = Math.max(reach, (at < 0 ? phrase.length() : phrase.length() - at - term.length()) + words);
        }
        return reach;
    }
}
