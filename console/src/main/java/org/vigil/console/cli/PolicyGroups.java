package org.vigil.console.cli;

import org.vigil.console.policy.NoSuchGroup;
import org.vigil.console.policy.Policies;

/** For commands that name a group: it must be one the policy in force has. */
final class PolicyGroups {
    private PolicyGroups() {
    }

    static void requireExisting(Policies policies, String group) {
        if (!policies.groups().contains(group)) {
            throw new NoSuchGroup(group + " (create it first: wordlists group " + group + " --file FILE)");
        }
    }
}
