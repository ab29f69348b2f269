package org.vigil.console.alerts;

/**
 * Who claims alerts before sending them (ADR 0173): this console instance, and whether it is the only one on its
 * database (SQLite), in which case every claim it finds at start is its own from before a crash and is released.
 */
public record AlertClaimant(String instanceId, boolean alone) {

    /** A console that is the only instance on its database. */
    public static AlertClaimant onlyInstance() {
        return new AlertClaimant("single-console", true);
    }
}
