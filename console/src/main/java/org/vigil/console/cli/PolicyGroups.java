package org.vigil.console.cli;

import org.vigil.console.policy.NoSuchGroup;
import org.vigil.console.policy.SchoolPolicies;

/** For commands that name a group: it must be one the school's lists have (the trust's or its own: ADR 0193). */
final class PolicyGroups {
    private PolicyGroups() {
    }

    static void requireExisting(SchoolPolicies policies, long school, String group) {
        if (!policies.groups(school).contains(group)) {
            throw new NoSuchGroup(group + " (create it first: wordlists group " + group + " --file FILE)");
        }
    }
}
