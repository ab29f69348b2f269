package org.vigil.console.policy;

/** A group id the policy in force has no file for. */
public class NoSuchGroup extends IllegalArgumentException {
    public NoSuchGroup(String group) {
        super("the policy in force has no group " + group);
    }
}
