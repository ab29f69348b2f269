package org.vigil.console.store;

/** Where an exception proposal is: waiting for IT, or decided once. */
public enum ProposalStatus {
    PROPOSED, ACCEPTED, DISMISSED
}
