package org.vigil.console.auth;

/** What a console user may do. */
public enum Role {
    /** Designated safeguarding lead (and deputies): triage, captures, reports. */
    DSL,
    /** Devices, wordlists and settings; no capture content. */
    IT_ADMIN,
    /** Head or governor: aggregate reports only. */
    VIEWER
}
