package org.vigil.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitFor;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.session.Desktop;
import org.vigil.agent.session.Session;
import org.vigil.agent.session.SessionSettings;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.FixedScreenCapture;
import org.vigil.agent.support.RecordingConsole;
import org.vigil.agent.support.StandInHook;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.Supervisor;

/**
 * Both halves wired in one process as {@code Main} wires them (the session with a stand-in hook and screen), the
 * device half enrolling and streaming over real gRPC/TLS to a recording console on loopback.
 */
class DeviceServiceTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", RecordingConsole.HOSTNAME);

    @TempDir
    Path dataDir;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC(),
            Duration.ofMillis(10));
    private final AtomicReference<StandInHook> hook = new AtomicReference<>();
    private RecordingConsole console;
    private DeviceService device;
    private Session session;

    @BeforeEach
    void start() throws Exception {
        console = RecordingConsole.start(CA);
        AgentConfig config = new AgentConfig(console.address(), Optional.of(RecordingConsole.TOKEN),
                CertificateFingerprint.of(CA.cert()), dataDir, List.of(), 60, Spool.DEFAULT_MAX_BYTES, "test",
                Optional.empty());
        device = DeviceService.open(config, AGENT, Duration.ofMillis(50), supervisor, Clock.systemUTC());
        WindowInfo window = new WindowInfo("Untitled document - Google Docs", "firefox");
        session = new Session(new SessionSettings(60, List.of(), AGENT.user()), device.matchers(), device.events(),
                new Desktop(listener -> {
                    StandInHook standIn = new StandInHook(listener);
                    hook.set(standIn);
                    return standIn;
                }, () -> window, new FixedScreenCapture()), supervisor, Clock.systemUTC());
        session.start();
    }

    @AfterEach
    void stop() {
        session.close();
        device.close();
        supervisor.close();
        console.close();
    }

    @Test
    void aPhraseTypedInTheSessionReachesTheConsoleFromTheEnrolledDevice() {
        assertEquals(Optional.of(RecordingConsole.DEVICE_ID), device.start(session::monitoring));

        hook.get().type("tonight i want to kill myself").enter();

        AgentMessage event = waitFor(Duration.ofSeconds(10), "the capture at the console", () -> console.received()
                .stream().filter(AgentMessage::hasEvent).findFirst());
        assertEquals("kill myself", event.getEvent().getMatchedText());
        assertEquals("firefox", event.getEvent().getApp());
        assertEquals(FixedScreenCapture.WIDTH, event.getEvent().getScreenshot().getWidth());
        assertEquals(List.of(RecordingConsole.DEVICE_ID), console.deviceIds());
    }

    @Test
    void helloAndHeartbeatsSayWhetherTheSessionHearsTyping() {
        device.start(session::monitoring);
        Monitoring atHello = waitFor(Duration.ofSeconds(10), "a Hello", () -> console.hellos().stream().findFirst())
                .getMonitoring();
        assertTrue(atHello.getHookRegistered());
        assertFalse(atHello.hasLastSignalAt(), "nothing typed yet");
        assertEquals(List.of(), atHello.getDeadWorkersList());

        Instant typedAt = Instant.now();
        hook.get().type("h");
        Monitoring afterTyping = waitFor(Duration.ofSeconds(10), "a heartbeat saying when typing was last handled",
                () -> console.heartbeats().stream().map(Heartbeat::getMonitoring)
                        .filter(Monitoring::hasLastSignalAt).findFirst());
        assertTrue(afterTyping.getLastSignalAt().getSeconds() >= typedAt.getEpochSecond() - 1);

        hook.get().dies();
        waitUntil(Duration.ofSeconds(10), "a heartbeat saying the hook is gone", () -> console.heartbeats().stream()
                .reduce((first, second) -> second).map(last -> !last.getMonitoring().getHookRegistered())
                .orElse(false));
    }

    @Test
    void aCleanStopTellsTheConsoleWhyAsTheStreamsLastMessage() {
        device.start(session::monitoring);
        waitFor(Duration.ofSeconds(10), "a Hello", () -> console.hellos().stream().findFirst());
        waitFor(Duration.ofSeconds(10), "a heartbeat", () -> console.heartbeats().stream().findFirst());

        device.close("user logged out");

        List<AgentMessage> received = console.received();
        assertTrue(received.get(received.size() - 1).hasStopping(), "Stopping comes last: " + received);
        assertEquals(List.of("user logged out"), console.stoppingReasons());
        assertEquals(1, console.streamsEndedByAgents(), "then the agent ends its stream");
    }

    @Test
    void aStopReasonIsCutToTheContractsBound() {
        device.start(session::monitoring);
        waitFor(Duration.ofSeconds(10), "a Hello", () -> console.hellos().stream().findFirst());

        device.close("x".repeat(WireNames.MAX_STOP_REASON_CHARS + 50));

        assertEquals(List.of("x".repeat(WireNames.MAX_STOP_REASON_CHARS)), console.stoppingReasons());
    }

    @Test
    void stoppingBecauseSomethingFailedSaysNothingSoTheDeviceGoesSilent() {
        device.start(session::monitoring);
        waitFor(Duration.ofSeconds(10), "a Hello", () -> console.hellos().stream().findFirst());

        device.closeAfterFailure();

        waitUntil(Duration.ofSeconds(5), "the stream ended by the agent", () -> console.streamsEndedByAgents() == 1);
        assertEquals(List.of(), console.stoppingReasons());
    }
}
