package org.vigil.console.devices;

import java.util.Optional;
import org.vigil.console.store.DeviceSummary;

/**
 * The policy version a device should be running now (its group's lists); a device reporting another one is behind.
 */
@FunctionalInterface
public interface ExpectedPolicy {
    /** The version this device should run, or empty when nothing is expected of it. */
    Optional<String> versionFor(DeviceSummary device);
}
