package org.vigil.console.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.console.store.CleanStop;
import org.vigil.console.store.DeviceMonitoring;
import org.vigil.console.store.DeviceSummary;

class DeviceHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");
    private static final Duration THRESHOLD = Duration.ofHours(72);
    private static final String CURRENT = "c".repeat(64);

    @Test
    void aDeviceOffOverAWeekendIsStillActiveButOneQuietForLongerIsSilent() {
        DeviceHealth health = new DeviceHealth(THRESHOLD, device -> Optional.of(CURRENT));
        List<DeviceStatus> judged = health.judge(List.of(
                device("friday-afternoon", Optional.of(NOW.minus(Duration.ofHours(64))), false, Optional.of(CURRENT)),
                device("exactly-72h", Optional.of(NOW.minus(THRESHOLD)), false, Optional.of(CURRENT)),
                device("a-week", Optional.of(NOW.minus(Duration.ofDays(7))), false, Optional.of(CURRENT))), NOW);
        assertEquals(List.of(DeviceState.ACTIVE, DeviceState.ACTIVE, DeviceState.SILENT),
                judged.stream().map(DeviceStatus::state).toList());
    }

    @Test
    void aDeviceThatNeverSaidHelloIsNeverConnectedAndARevokedOneIsRevokedWhateverElse() {
        DeviceHealth health = new DeviceHealth(THRESHOLD, device -> Optional.of(CURRENT));
        List<DeviceStatus> judged = health.judge(List.of(
                device("new", Optional.empty(), false, Optional.empty()),
                device("gone", Optional.of(NOW), true, Optional.of("old-version"))), NOW);
        assertEquals(DeviceState.NEVER_CONNECTED, judged.get(0).state());
        assertFalse(judged.get(0).behind(), "an unknown version is not behind");
        assertEquals(DeviceState.REVOKED, judged.get(1).state());
        assertFalse(judged.get(1).behind(), "a revoked device gets no policy: not behind");
    }

    @Test
    void behindMeansReportingAVersionOtherThanTheOneExpectedOfThatDevice() {
        // as per-group policies will: each device has its own expectation
        ExpectedPolicy byGroup = device -> Optional.of(device.hostname().startsWith("staff") ? "staff-v2" : CURRENT);
        DeviceHealth health = new DeviceHealth(THRESHOLD, byGroup);
        List<DeviceStatus> judged = health.judge(List.of(
                device("staff-laptop", Optional.of(NOW), false, Optional.of("staff-v2")),
                device("pupil-laptop", Optional.of(NOW), false, Optional.of("staff-v2")),
                device("pupil-laptop-2", Optional.of(NOW), false, Optional.of(CURRENT))), NOW);
        assertEquals(List.of(false, true, false), judged.stream().map(DeviceStatus::behind).toList());
        assertEquals(Optional.of("cccccccccccc"), judged.get(1).shortExpectedPolicy());
        assertEquals(Optional.of("staff-v2"), judged.get(1).shortPolicy());
    }

    @Test
    void nothingExpectedMeansNothingIsBehind() {
        DeviceHealth health = new DeviceHealth(THRESHOLD, device -> Optional.empty());
        assertFalse(health.judge(List.of(device("any", Optional.of(NOW), false, Optional.of("v1"))), NOW)
                .get(0).behind());
    }

    @Test
    void aThresholdOfNothingIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DeviceHealth(Duration.ZERO, device -> Optional.empty()));
        assertTrue(refused.getMessage().contains("must be positive"), refused.getMessage());
    }

    @Test
    void aDeviceHeardFromWhoseAgentHearsNoTypingIsNotMonitoringAndSaysWhy() {
        DeviceHealth health = new DeviceHealth(THRESHOLD, device -> Optional.of(CURRENT));
        Instant typed = NOW.minus(Duration.ofHours(3));
        List<DeviceStatus> judged = health.judge(List.of(
                device("no-hook", Optional.of(NOW), Optional.of(new DeviceMonitoring(false, Optional.of(typed),
                        List.of()))),
                device("dead-typing", Optional.of(NOW), Optional.of(new DeviceMonitoring(true, Optional.empty(),
                        List.of("vigil-typing", "spooler")))),
                device("fine", Optional.of(NOW), Optional.of(new DeviceMonitoring(true, Optional.of(typed),
                        List.of()))),
                device("old-agent", Optional.of(NOW), Optional.empty()),
                device("silent-without-hook", Optional.of(NOW.minus(Duration.ofDays(4))),
                        Optional.of(new DeviceMonitoring(false, Optional.empty(), List.of())))), NOW);

        assertEquals(List.of(DeviceState.NOT_MONITORING, DeviceState.NOT_MONITORING, DeviceState.ACTIVE,
                DeviceState.ACTIVE, DeviceState.SILENT), judged.stream().map(DeviceStatus::state).toList(),
                "silence outranks it: a silent device's word about monitoring is stale");
        assertEquals(List.of("keyboard hook not registered"), judged.get(0).monitoringProblems());
        assertEquals(Optional.of(typed), judged.get(0).lastHandledTyping());
        assertEquals(List.of("typing worker dead", "spooler worker dead"), judged.get(1).monitoringProblems());
        assertEquals(Optional.empty(), judged.get(1).lastHandledTyping());
        assertEquals(List.of(), judged.get(3).monitoringProblems(), "an agent that never said is taken at its word");
    }

    @Test
    void aSessionHelperGoneWithoutSigningOffIsShownInTheDeviceServicesWords() {
        DeviceHealth health = new DeviceHealth(THRESHOLD, device -> Optional.of(CURRENT));
        String tamper = "session helper for user pupil7 stopped without signing off at 2026-11-30T09:12:00Z";

        DeviceStatus judged = health.judge(List.of(device("tampered", Optional.of(NOW),
                Optional.of(new DeviceMonitoring(false, Optional.empty(), List.of(tamper))))), NOW).get(0);

        assertEquals(DeviceState.NOT_MONITORING, judged.state());
        assertEquals(List.of("keyboard hook not registered", tamper), judged.monitoringProblems());
    }

    @Test
    void aDeviceWhoseAgentSaidItWasStoppingIsStoppedNotSilentUntilHeardFromAgain() {
        DeviceHealth health = new DeviceHealth(Duration.ofMinutes(15), device -> Optional.of(CURRENT));
        DeviceSummary heard = device("lab-pc", Optional.of(NOW.minus(Duration.ofDays(3))), false,
                Optional.of(CURRENT));
        DeviceSummary stopped = new DeviceSummary(heard.id(), heard.hostname(), heard.os(), heard.agentVersion(),
                heard.osUser(), heard.enrolledAt(), heard.lastSeenAt(), heard.revokedAt(), heard.spoolDepth(), 0, 0, 0,
                0, heard.policyVersion(), heard.group(), heard.monitoring(),
                Optional.of(new CleanStop(NOW.minus(Duration.ofDays(3)), "shutdown")));
        assertEquals(List.of(DeviceState.SILENT, DeviceState.STOPPED),
                health.judge(List.of(heard, stopped), NOW).stream().map(DeviceStatus::state).toList());
    }

    private static DeviceSummary device(String hostname, Optional<Instant> lastSeen, boolean revoked,
                                        Optional<String> policy) {
        return new DeviceSummary(hostname + "-0123456789", hostname, "Linux", "0.4.0", "pupil", NOW.minus(
                Duration.ofDays(30)), lastSeen, revoked ? Optional.of(NOW) : Optional.empty(), Optional.of(0L),
                0, 0, 0, 0, policy, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static DeviceSummary device(String hostname, Optional<Instant> lastSeen,
                                        Optional<DeviceMonitoring> monitoring) {
        return new DeviceSummary(hostname + "-0123456789", hostname, "Linux", "0.4.0", "pupil", NOW.minus(
                Duration.ofDays(30)), lastSeen, Optional.empty(), Optional.of(0L), 0, 0, 0, 0, Optional.of(CURRENT),
                Optional.empty(), monitoring, Optional.empty());
    }
}
