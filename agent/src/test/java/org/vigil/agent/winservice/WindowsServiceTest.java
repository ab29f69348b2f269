package org.vigil.agent.winservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.local.UnixSocketTransport;
import org.vigil.agent.service.ServiceHalf;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.RecordingConsole;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.agent.winservice.ServiceStatus.State;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/**
 * The Windows service state machine against a fake Service Control Manager, with the real service half (device
 * service, spool, local socket) streaming to a recording console over TLS: what Windows would see, and what the
 * console hears, for a start, a stop, a shutdown and a fatal failure.
 */
class WindowsServiceTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final AgentInfo AGENT = new AgentInfo("test", "Windows 11 10.0", "SYSTEM",
            RecordingConsole.HOSTNAME);

    @TempDir
    Path dir;

    private RecordingConsole console;
    private final AtomicReference<Fatal> fatal = new AtomicReference<>();

    @BeforeEach
    void startConsole() throws Exception {
        console = RecordingConsole.start(CA);
    }

    @AfterEach
    void stopConsole() {
        console.close();
    }

    /** What Main's windows-service command starts: the service half, its workers reporting to the given fatal. */
    private WindowsService.Starter serviceHalf(Optional<String> token) {
        return onFatal -> {
            fatal.set(onFatal);
            Supervisor supervisor = new Supervisor(onFatal, Clock.systemUTC(), Duration.ofMillis(10));
            AgentConfig config = new AgentConfig(console.address(), token, CertificateFingerprint.of(CA.cert()),
                    dir.resolve("data"), List.of(), 60, Spool.DEFAULT_MAX_BYTES, "C:\\ProgramData\\Vigil\\agent"
                    + ".properties", Optional.empty());
            ServiceHalf half;
            try {
                half = ServiceHalf.start(config, AGENT, new UnixSocketTransport(dir.resolve("agent.sock")),
                        Duration.ofMillis(50), supervisor, Clock.systemUTC());
            } catch (ConfigException e) {
                supervisor.close();
                throw new WindowsService.StartFailed(2, e.getMessage());
            }
            return new WindowsService.Running() {
                @Override
                public void stop() {
                    half.stop("shutdown");
                    supervisor.close();
                }

                @Override
                public void stopAfterFailure() {
                    half.stopAfterFailure();
                    supervisor.close();
                }
            };
        };
    }

    private static CompletableFuture<Integer> runInBackground(WindowsService service, WindowsService.Starter starter) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return service.run(starter);
            } catch (WindowsService.NotUnderServiceManager e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void reportsStartPendingThenRunningOnceTheServiceHalfIsUpAndAStopSaysGoodbyeToTheConsole() throws Exception {
        FakeServiceManager scm = new FakeServiceManager(true);
        CompletableFuture<Integer> exit = runInBackground(new WindowsService(scm, WindowsService.NAME),
                serviceHalf(Optional.of(RecordingConsole.TOKEN)));
        waitUntil(Duration.ofSeconds(10), "scm.state() == State.RUNNING", () -> scm.state() == State.RUNNING);
        assertEquals("VigilAgent", scm.registeredName);
        ServiceStatus starting = scm.statuses.get(0);
        assertEquals(State.START_PENDING, starting.state());
        assertFalse(starting.acceptsStop(), "no stop while starting");
        assertTrue(starting.waitHint().compareTo(Duration.ofSeconds(10)) >= 0, "a wait hint: " + starting);
        assertTrue(scm.statuses.get(1).acceptsStop(), "running, it takes stop and shutdown");
        waitUntil(Duration.ofSeconds(10), "!console.hellos().isEmpty()", () -> !console.hellos().isEmpty());

        assertEquals(WindowsService.NO_ERROR, scm.send(WindowsService.SERVICE_CONTROL_STOP));

        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(State.START_PENDING, State.RUNNING, State.STOP_PENDING, State.STOPPED),
                scm.statuses.stream().map(ServiceStatus::state).toList());
        ServiceStatus stopping = scm.statuses.get(2);
        assertTrue(stopping.waitHint().compareTo(Duration.ofSeconds(5)) >= 0, "a wait hint: " + stopping);
        assertEquals(ServiceStatus.stopped(0), scm.statuses.get(3));
        assertEquals(List.of("shutdown"), console.stoppingReasons(), "the console tells a stop from a silent agent");
    }

    @Test
    void aSystemShutdownStopsCleanlyToo() throws Exception {
        FakeServiceManager scm = new FakeServiceManager(true);
        CompletableFuture<Integer> exit = runInBackground(new WindowsService(scm, WindowsService.NAME),
                serviceHalf(Optional.of(RecordingConsole.TOKEN)));
        waitUntil(Duration.ofSeconds(10), "scm.state() == State.RUNNING", () -> scm.state() == State.RUNNING);
        waitUntil(Duration.ofSeconds(10), "!console.hellos().isEmpty()", () -> !console.hellos().isEmpty());
        assertEquals(WindowsService.NO_ERROR, scm.send(WindowsService.SERVICE_CONTROL_INTERROGATE));
        assertEquals(State.RUNNING, scm.state(), "interrogate changes nothing");

        assertEquals(WindowsService.NO_ERROR, scm.send(WindowsService.SERVICE_CONTROL_SHUTDOWN));

        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals(ServiceStatus.stopped(0), scm.statuses.get(scm.statuses.size() - 1));
        assertEquals(List.of("shutdown"), console.stoppingReasons());
    }

    @Test
    void aFatalWorkerFailureStopsWithAServiceSpecificErrorAndNoGoodbye() throws Exception {
        FakeServiceManager scm = new FakeServiceManager(true);
        CompletableFuture<Integer> exit = runInBackground(new WindowsService(scm, WindowsService.NAME),
                serviceHalf(Optional.of(RecordingConsole.TOKEN)));
        waitUntil(Duration.ofSeconds(10), "scm.state() == State.RUNNING", () -> scm.state() == State.RUNNING);
        waitUntil(Duration.ofSeconds(10), "!console.hellos().isEmpty()", () -> !console.hellos().isEmpty());

        fatal.get().failed("vigil-delivery", new OutOfMemoryError("Java heap space"));

        assertEquals(Fatal.EXIT_CODE, exit.get(30, TimeUnit.SECONDS));
        ServiceStatus last = scm.statuses.get(scm.statuses.size() - 1);
        assertEquals(State.STOPPED, last.state());
        assertEquals(ServiceStatus.ERROR_SERVICE_SPECIFIC_ERROR, last.win32ExitCode(),
                "an error, so the recovery actions restart it");
        assertEquals(70, last.serviceSpecificExitCode());
        assertEquals(State.STOP_PENDING, scm.statuses.get(scm.statuses.size() - 2).state());
        assertEquals(List.of(), console.stoppingReasons(), "a failure is not a clean stop");
    }

    @Test
    void aServiceHalfThatCannotStartReportsStoppedWithItsExitCode() throws Exception {
        FakeServiceManager scm = new FakeServiceManager(true);
        // not enrolled and no token: a config IT must fix
        int exit = new WindowsService(scm, WindowsService.NAME).run(serviceHalf(Optional.empty()));

        assertEquals(2, exit);
        assertEquals(List.of(State.START_PENDING, State.STOPPED),
                scm.statuses.stream().map(ServiceStatus::state).toList());
        assertEquals(new ServiceStatus(State.STOPPED, false, ServiceStatus.ERROR_SERVICE_SPECIFIC_ERROR, 2, 0,
                Duration.ZERO), scm.statuses.get(1));
        assertEquals(0, console.enrolAttempts());
    }

    @Test
    void controlsItDoesNotHandleAreNotImplemented() throws Exception {
        FakeServiceManager scm = new FakeServiceManager(true);
        CompletableFuture<Integer> exit = runInBackground(new WindowsService(scm, WindowsService.NAME),
                serviceHalf(Optional.of(RecordingConsole.TOKEN)));
        waitUntil(Duration.ofSeconds(10), "scm.state() == State.RUNNING", () -> scm.state() == State.RUNNING);
        int pause = 2;
        assertEquals(WindowsService.ERROR_CALL_NOT_IMPLEMENTED, scm.send(pause));
        assertEquals(State.RUNNING, scm.state());
        scm.send(WindowsService.SERVICE_CONTROL_STOP);
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void runFromAConsoleItSaysToUseTheServiceCommand() {
        WindowsService.NotUnderServiceManager refused = assertThrows(WindowsService.NotUnderServiceManager.class,
                () -> new WindowsService(new FakeServiceManager(false), WindowsService.NAME)
                        .run(onFatal -> {
                            throw new AssertionError("nothing starts outside the service manager");
                        }));
        assertTrue(refused.getMessage().contains("run the 'service' command instead"), refused.getMessage());
    }
}
