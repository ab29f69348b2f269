package org.vigil.console.policy;

import org.vigil.console.request.InvalidRequest;

/**
 * An edit made from a policy version that is no longer in force: someone (or the {@code wordlists} command)
 * published another version meanwhile. Nothing was written; the person reloads and makes the change again.
 */
public class PolicyConflict extends InvalidRequest {
    private final String base;
    private final String inForce;

    public PolicyConflict(String base, String inForce) {
        super("the wordlists changed while you were editing (now version " + inForce + ", you started from "
                + base + "): reload and make your change again", Reason.CONFLICT);
        this.base = base;
        this.inForce = inForce;
    }

    /** The version the edit was made from. */
    public String base() {
        return base;
    }

    /** The version in force when the edit was refused. */
    public String inForce() {
        return inForce;
    }
}
