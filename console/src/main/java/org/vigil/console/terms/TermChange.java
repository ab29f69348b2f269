package org.vigil.console.terms;

import java.util.Optional;

/**
 * One entry that differs between two versions; {@code before} and {@code after} are the entry as written in the
 * wordlist format ({@code 3 | term* | except: a; b}), absent where it was added or removed.
 */
public record TermChange(String category, String term, Kind kind, Optional<String> before, Optional<String> after) {

    /** What happened to the entry. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }
}
