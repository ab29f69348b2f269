package org.vigil.console.devices;

import java.util.Optional;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.policy.EffectivePolicies;
import org.vigil.console.policy.PolicyListener;
import org.vigil.wordlists.WordlistBundle;

/**
 * The lists each device should run under the policy in force: its group's (worked out once per group and version).
 * Kept up to date by the policy's change listener, so judging thousands of devices costs no query each.
 */
public final class PolicyInForce implements ExpectedPolicy, PolicyListener {
    private volatile EffectivePolicies effective;

    public PolicyInForce(WordlistBundle policy) {
        this.effective = new EffectivePolicies(policy);
    }

    @Override
    public Optional<String> versionFor(DeviceSummary device) {
        return Optional.of(effective.versionFor(device.group()));
    }

    @Override
    public void policyChanged(String newVersion, WordlistBundle bundle) {
        effective = new EffectivePolicies(bundle);
    }
}
