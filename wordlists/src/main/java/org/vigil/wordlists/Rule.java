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
 *                   the word exactly as written, without plural, possessive or verb endings
 * @param mode       whole word or word prefix
 * @param exceptions longer phrases in which the term is innocent, lower case
 */
public record Rule(String source, int line, String category, int severity, String term, MatchMode mode,
                   List<String> exceptions) {

    public Rule {
        exceptions = List.copyOf(exceptions);
    }

    /** The term without the {@code =} that marks an exact entry. */
    public String plainTerm() {
        return term.startsWith("=") ? term.substring(1).strip() : term;
    }

    /**
     * Whether the compiler adds the word's plural, possessive and verb endings ("slags", "juliet's", "stabbed"): for
     * single whole words not written {@code =word}. See docs/adr/0162.
     */
    public boolean inflects() {
        return mode == MatchMode.WHOLE_WORD && !term.startsWith("=") && term.indexOf(' ') < 0 && term.indexOf('<') < 0;
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
