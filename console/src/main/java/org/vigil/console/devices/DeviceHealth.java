package org.vigil.console.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigil.console.store.DeviceSummary;

/**
 * Judges devices: stopped when their agent said it was stopping and has not been heard from since, silent when
 * (otherwise) not heard from for longer than {@code silentAfter}, not monitoring when heard from
 * but their agent says it hears no typing, behind when the policy version they report is not the one expected of
 * them. The web page and the {@code devices} command both judge here.
 */
public final class DeviceHealth {
    private final Duration silentAfter;
    private final ExpectedPolicy expected;

    public DeviceHealth(Duration silentAfter, ExpectedPolicy expected) {
        if (silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("the silence threshold must be positive, got " + silentAfter);
        }
        this.silentAfter = silentAfter;
        this.expected = expected;
    }

    public Duration silentAfter() {
        return silentAfter;
    }

    public List<DeviceStatus> judge(List<DeviceSummary> devices, Instant now) {
        Instant silentBefore = now.minus(silentAfter);
        return devices.stream().map(device -> judgeSilentBefore(device, silentBefore)).toList();
    }

    /** One device's state at {@code now}. */
    public DeviceStatus judge(DeviceSummary device, Instant now) {
        return judgeSilentBefore(device, now.minus(silentAfter));
    }

    private DeviceStatus judgeSilentBefore(DeviceSummary device, Instant silentBefore) {
        Optional<String> expectedVersion = expected.versionFor(device);
        DeviceState state = state(device, silentBefore);
        boolean behind = state != DeviceState.REVOKED && device.policyVersion().isPresent()
                && expectedVersion.isPresent() && !device.policyVersion().equals(expectedVersion);
        return new DeviceStatus(device, state, expectedVersion, behind);
    }

    private static DeviceState state(DeviceSummary device, Instant silentBefore) {
        if (device.revokedAt().isPresent()) {
            return DeviceState.REVOKED;
        }
        if (device.lastSeenAt().isEmpty()) {
            return DeviceState.NEVER_CONNECTED;
        }
        if (device.stopped().isPresent()) {
            return DeviceState.STOPPED;
        }
        if (device.lastSeenAt().get().isBefore(silentBefore)) {
            return DeviceState.SILENT;
        }
        return DeviceStatus.monitoringProblems(device).isEmpty() ? DeviceState.ACTIVE : DeviceState.NOT_MONITORING;
    }
}
