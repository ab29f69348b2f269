package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;
import org.vigil.wordlists.MatchMode;

/**
 * A stored exception proposal.
 *
 * @param schoolId      the school of the capture it came from; accepting it changes that school's lists (ADR 0199)
 *                      unless a user of every school accepts it into the trust's
 * @param captureId     the false positive it came from (for the DSL's trail; never shown to IT); empty once purged
 * @param policyVersion the version it went into, once accepted
 * @param note          what the person who decided wrote, if anything
 */
public record ExceptionProposal(long id, long schoolId, Optional<Long> captureId, String category, String term,
                                MatchMode mode, int severity, String phrase, String proposedBy, Instant proposedAt,
                                ProposalStatus status, Optional<String> decidedBy, Optional<Instant> decidedAt,
                                Optional<String> policyVersion, Optional<String> note) {

    public ProposedException exception() {
        return new ProposedException(category, term, mode, severity, phrase);
    }
}
