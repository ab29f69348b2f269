package org.vigil.console.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.console.store.DeviceMonitoring;
import org.vigil.console.store.DeviceSummary;
import org.vigil.proto.WireNames;

/**
 * A device with the console's judgement of it: its state, the policy version expected of it, and whether it is
 * behind (it reports a version that is not the expected one).
 */
public record DeviceStatus(DeviceSummary device, DeviceState state, Optional<String> expectedPolicy, boolean behind) {
    static final int SHORT_VERSION = 12;
    private static final String AGENT_WORKER_PREFIX = "vigil-";

    /**
     * Why the device's agent says it is not monitoring, as people read it ("keyboard hook not registered",
     * "typing worker dead"); empty if it is, or never said.
     */
    public List<String> monitoringProblems() {
        return monitoringProblems(device);
    }

    /** When its agent last handled typing (a key or mouse signal), if it said and has since it started. */
    public Optional<Instant> lastHandledTyping() {
        return device.monitoring().flatMap(DeviceMonitoring::lastSignalAt);
    }

    static List<String> monitoringProblems(DeviceSummary device) {
        if (device.monitoring().isEmpty()) {
            return List.of();
        }
        DeviceMonitoring monitoring = device.monitoring().get();
        List<String> problems = new ArrayList<>();
        if (!monitoring.hookRegistered()) {
            problems.add("keyboard hook not registered");
        }
        for (String worker : monitoring.deadWorkers()) {
            if (worker.contains(" ")) {
                // already in words: a device service's tamper report (a session helper gone without signing off)
                problems.add(worker);
                continue;
            }
            String name = worker.startsWith(AGENT_WORKER_PREFIX) && worker.length() > AGENT_WORKER_PREFIX.length()
                    ? worker.substring(AGENT_WORKER_PREFIX.length()) : worker;
            problems.add(name + " worker dead");
        }
        return problems;
    }

    /**
     * The session helpers its device service reports gone without signing off (ADR 0111), each as the service
     * worded it ({@code "session helper for user U stopped without signing off at T"}); empty if none.
     */
    public List<String> helperTamper() {
        return device.monitoring().map(m -> m.deadWorkers().stream()
                .filter(w -> w.startsWith(WireNames.HELPER_TAMPER_PREFIX)
                        && w.contains(WireNames.HELPER_TAMPER_MIDDLE)).toList()).orElse(List.of());
    }

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
