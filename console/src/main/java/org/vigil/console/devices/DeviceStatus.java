package org.vigil.console.devices;

import java.util.Optional;
import org.vigil.console.store.DeviceSummary;

/**
 * A device with the console's judgement of it: its state, the policy version expected of it, and whether it is
 * behind (it reports a version that is not the expected one).
 */
public record DeviceStatus(DeviceSummary device, DeviceState state, Optional<String> expectedPolicy, boolean behind) {
    static final int SHORT_VERSION = 12;

    /** The first 12 hex digits of the version the device runs, or empty if it has not said. */
    public Optional<String> shortPolicy() {
        return device.policyVersion().map(DeviceStatus::shortVersion);
    }

    public Optional<String> shortExpectedPolicy() {
        return expectedPolicy.map(DeviceStatus::shortVersion);
    }

    /** The id as people read it in a list: its first 8 characters. */
    public String shortId() {
        return device.id().substring(0, Math.min(8, device.id().length()));
    }

    static String shortVersion(String version) {
        return version.substring(0, Math.min(SHORT_VERSION, version.length()));
    }
}
