package org.vigil.console.policy;

import org.vigil.wordlists.WordlistBundle;

/** Told when a version becomes the policy in force (after it is stored), e.g. to push it to connected agents. */
@FunctionalInterface
public interface PolicyListener {
    void policyChanged(String version, WordlistBundle bundle);
}
