package org.vigil.console.devices;

import java.util.Optional;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.wordlists.PolicyListener;
import org.vigil.wordlists.WordlistBundle;

/**
 * The expectation when every device runs the one policy in force: the version is held here and kept up to date by
 * the policy's change listener, so judging thousands of devices costs no query each.
 */
public final class PolicyInForce implements ExpectedPolicy, PolicyListener {
    private volatile String version;

    public PolicyInForce(String version) {
        this.version = version;
    }

    @Override
    public Optional<String> versionFor(DeviceSummary device) {
        return Optional.of(version);
    }

    @Override
    public void policyChanged(String newVersion, WordlistBundle bundle) {
        version = newVersion;
    }
}
