package org.vigil.console.store;

import org.vigil.wordlists.MatchMode;

/**
 * An exception phrase for one wordlist entry (category, term, match mode), checked against the policy in force.
 *
 * @param severity the entry's severity in the policy in force
 */
public record ProposedException(String category, String term, MatchMode mode, int severity, String phrase) {
    public static final int CRITICAL = 5;

    /** The term as written in the file: {@code suicid*}, {@code self~harm}, {@code cut myself}. */
    public String termAsWritten() {
        return mode == MatchMode.WORD_PREFIX ? term + "*" : term;
    }

    /** A severity-5 entry: accepting silences this phrase for the most serious matches on every device. */
    public boolean critical() {
        return severity >= CRITICAL;
    }
}
