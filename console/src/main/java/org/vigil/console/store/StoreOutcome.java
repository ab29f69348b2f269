package org.vigil.console.store;

/** What storing one event did. */
public enum StoreOutcome {
    /** Stored now. */
    STORED,
    /** Already stored before (a resend): nothing changed. */
    ALREADY_STORED,
    /** Not stored: its device was revoked before this transaction (its stream should end, the agent keep it). */
    DEVICE_REVOKED
}
