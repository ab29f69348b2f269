package org.vigil.console.policy;

import org.vigil.console.request.InvalidRequest;

/** A group id the policy in force has no file for. */
public class NoSuchGroup extends InvalidRequest {
    public NoSuchGroup(String group) {
        super("the policy in force has no group " + group);
    }
}
