package org.vigil.console.store;

/** What the IT check can find wrong with a device: the {@code problem} of a {@code device_problems} row (V15, V21). */
public enum DeviceProblem {
    /** No heartbeat for the school's silent-device minutes, and its agent did not say it was stopping. */
    SILENT,
    /** Its spool dropped screenshots or events (it was full) since IT was last told. */
    SPOOL_DROPS,
    /** It runs a wordlist policy other than the one it should. */
    BEHIND,
    /** Its device service reports a session helper that stopped without signing off (killed, or crashed). */
    TAMPER
}
