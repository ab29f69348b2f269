package org.vigil.console.auth;

/** Where a session stands, for a page that must say why it stopped (the live queue). */
public enum SessionState {
    LIVE,
    /** Unused for longer than the idle timeout. */
    IDLE,
    /** Older than the absolute timeout. */
    EXPIRED,
    /** Not known: signed out, ended by a password reset or a disabled account, or expired and swept away. */
    ENDED
}
