package org.vigil.console.devices;

import java.util.Map;
import java.util.Optional;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.DevicePlacement;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DeviceSummary;

/**
 * The lists each device should run under the policy in force: its school's and group's (worked out once per group
 * and version). Read again after every change made in this console and at each policy check (which notices changes
 * made elsewhere), so judging thousands of devices costs no query each. While no school has changed the trust's
 * lists, a device's group alone decides, as before schools had lists.
 */
public final class PolicyInForce implements ExpectedPolicy {
    private final SchoolPolicies policies;
    private final DeviceRepository devices;
    private volatile Known known;

    public PolicyInForce(SchoolPolicies policies, DeviceRepository devices) {
        this.policies = policies;
        this.devices = devices;
        refresh();
    }

    /** Reads the lists in force (and, when schools have changes of their own, where each device sits) again. */
    public void refresh() {
        SchoolPolicies.Snapshot lists = policies.snapshot();
        known = new Known(lists, lists.trustOnly() ? Map.of() : devices.placements());
    }

    @Override
    public Optional<String> versionFor(DeviceSummary device) {
        Known now = known;
        long school = now.placements().getOrDefault(device.id(), DevicePlacement.DEFAULT).schoolId();
        return Optional.of(now.lists().forSchool(school).versionFor(device.group()));
    }

    private record Known(SchoolPolicies.Snapshot lists, Map<String, DevicePlacement> placements) {
    }
}
