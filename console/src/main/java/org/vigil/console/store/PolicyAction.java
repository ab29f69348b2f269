package org.vigil.console.store;

/** How a version became the policy in force. */
public enum PolicyAction {
    /** The console's first start: the lists Vigil ships. */
    SEED,
    /** An edit of one category's text. */
    EDIT,
    /** A whole set of files imported at once. */
    IMPORT,
    /** An earlier version published again. */
    RESTORE
}
