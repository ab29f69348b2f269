package org.vigil.console.proposals;

import java.util.Optional;
import org.vigil.console.store.ProposedException;

/** The exception that would have prevented a capture's hit, or why there is none. */
public record Proposal(Optional<ProposedException> exception, String reason) {

    static Proposal found(ProposedException exception) {
        return new Proposal(Optional.of(exception), "");
    }

    static Proposal none(String reason) {
        return new Proposal(Optional.empty(), reason);
    }
}
