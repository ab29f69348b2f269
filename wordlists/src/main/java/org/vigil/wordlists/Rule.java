package org.vigil.wordlists;

import java.util.List;

/**
 * One wordlist entry.
 *
 * @param source     the file it came from, e.g. {@code self-harm.txt}
 * @param line       its line number in that file
 * @param category   a category id, e.g. {@code self-harm}
 * @param severity   1 (low) to 5 (critical)
 * @param term       the term as written, lower case, without a trailing {@code *}
 * @param mode       whole word or word prefix
 * @param exceptions longer phrases in which the term is innocent, lower case
 */
public record Rule(String source, int line, String category, int severity, String term, MatchMode mode,
                   List<String> exceptions) {

    public Rule {
        exceptions = List.copyOf(exceptions);
    }

    /** Stable enough to show and to log: {@code self-harm.txt:12}. */
    public String id() {
        return source + ":" + line;
    }
}
