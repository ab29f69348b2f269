package org.vigil.wordlists;

import java.util.List;
import java.util.Optional;
import org.vigil.wordlists.proximity.Proximity;

/**
 * One wordlist entry.
 *
 * @param source     the file it came from, e.g. {@code self-harm.txt}
 * @param line       its line number in that file
 * @param category   a category id, e.g. {@code self-harm}
 * @param severity   1 (low) to 5 (critical)
 * @param term       the term as written, lower case, without a trailing {@code *}; a leading {@code =} asks for
 *                   the word exactly as written (no plural, possessive or verb endings, no misspellings), a leading
 *                   {@code !} for no misspellings (docs/adr/0164)
 * @param mode       whole word or word prefix
 * @param exceptions longer phrases in which the term is innocent, lower case
 */
public record Rule(String source, int line, String category, int severity, String term, MatchMode mode,
                   List<String> exceptions) {

    public Rule {
        exceptions = List.copyOf(exceptions);
    }

    /** Severity from which entries take misspellings of their long words by default (docs/adr/0164). */
    public static final int TYPO_SEVERITY = 4;

    /** The term without the {@code =} and {@code !} markers. */
    public String plainTerm() {
        return term.substring(markers(term).length()).strip();
    }

    /** The markers at the start of a term: any of {@code =} and {@code !}, e.g. "=" of "=weed". */
    static String markers(String term) {
        int i = 0;
        while (i < term.length() && (term.charAt(i) == '=' || term.charAt(i) == '!')) {
            i++;
        }
        return term.substring(0, i);
    }

    /** Written {@code =term}: exactly as written, no endings and no misspellings. */
    public boolean exact() {
        return markers(term).indexOf('=') >= 0;
    }

    /**
     * Whether the compiler adds one-slip misspellings of the term's words of six or more letters ("myslef" for
     * "kill myself"): for whole-word and prefix entries of severity 4-5 not written {@code =term} or {@code !term}.
     * Proximity rules and flexible phrases never take them. See docs/adr/0164.
     */
    public boolean toleratesTypos() {
        return severity >= TYPO_SEVERITY && mode != MatchMode.FLEXIBLE_PHRASE && markers(term).isEmpty()
                && proximity().isEmpty();
    }

    /**
     * Whether the compiler adds the word's plural, possessive and verb endings ("slags", "juliet's", "stabbed"): for
     * single whole words not written {@code =word}. See docs/adr/0162.
     */
    public boolean inflects() {
        return mode == MatchMode.WHOLE_WORD && !exact() && term.indexOf(' ') < 0 && term.indexOf('<') < 0;
    }

    /** The proximity term this rule is ({@code pills/tablets <6> tonight}), or empty for a plain term. */
    public Optional<Proximity> proximity() {
        return Proximity.parse(term);
    }

    /** Stable enough to show and to log: {@code self-harm.txt:12}. */
    public String id() {
        return source + ":" + line;
    }
}
