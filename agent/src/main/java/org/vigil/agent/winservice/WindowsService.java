package org.vigil.agent.winservice;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.Fatal;

/**
 * The device service as a Windows service (ADR 0117): answers the Service Control Manager so Windows sees it
 * start, run and stop. {@code START_PENDING} while the service half comes up, {@code RUNNING} once it is;
 * a stop or shutdown control gives {@code STOP_PENDING} with a wait hint, the clean "stopping" goodbye to the
 * console (as SIGTERM does on Linux), then {@code STOPPED} with exit code 0; a fatal worker failure gives
 * {@code STOPPED} with {@link ServiceStatus#ERROR_SERVICE_SPECIFIC_ERROR} and exit code 70, which the service's
 * recovery actions (set by the MSI, failure actions on non-crash failures included) answer with a restart.
 */
public final class WindowsService {
    private static final Logger log = LoggerFactory.getLogger(WindowsService.class);
    /** The name the MSI registers the service under. */
    public static final String NAME = "VigilAgent";
    static final int NO_ERROR = 0;
    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    static final int SERVICE_CONTROL_STOP = 1;
    static final int SERVICE_CONTROL_INTERROGATE = 4;
    static final int SERVICE_CONTROL_SHUTDOWN = 5;
    /** Opening the spool and starting the local endpoint; enrolment and the console link go on in the background. */
    static final Duration START_WAIT = Duration.ofSeconds(30);
    /** The goodbye waits up to a few seconds for the console; closing the spool after it is quick. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final ServiceControl scm;
    private final String name;
    private final BlockingQueue<Ending> endings = new LinkedBlockingQueue<>();
    private volatile int exitCode;

    /** The service half, as {@link Starter#start} brought it up. */
    public interface Running {
        /** Stops cleanly: the console is told the device is stopping. */
        void stop();

        /** Stops after a fatal failure: nothing is said to the console, which will see the device go silent. */
        void stopAfterFailure();
    }

    /** Brings the service half up; its background workers report a fatal failure to {@code fatal}. */
    @FunctionalInterface
    public interface Starter {
        Running start(Fatal fatal) throws StartFailed;
    }

    /** The service half could not start; {@code exitCode} is what the agent would exit with (2: a bad config). */
    public static final class StartFailed extends Exception {
        private final int exitCode;

        public StartFailed(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Not started by the Service Control Manager: the command was run from a console. */
    public static final class NotUnderServiceManager extends Exception {
        NotUnderServiceManager(String message) {
            super(message);
        }
    }

    private enum Ending { STOP, SHUTDOWN, FAILED }

    public WindowsService(ServiceControl scm, String name) {
        this.scm = scm;
        this.name = name;
    }

    /**
     * Hands this thread to the service manager until the service has stopped.
     *
     * @return the process exit code: 0 after a stop, 70 after a fatal failure, the start's own code if it failed
     */
    public int run(Starter starter) throws NotUnderServiceManager {
        if (!scm.runDispatcher(name, () -> serviceMain(starter))) {
            throw new NotUnderServiceManager("windows-service is for the Windows service manager, which starts it as"
                    + " service " + name + "; from a console run the 'service' command instead");
        }
        return exitCode;
    }

    private void serviceMain(Starter starter) {
        scm.registerHandler(name, this::control);
        scm.setStatus(ServiceStatus.pending(ServiceStatus.State.START_PENDING, 1, START_WAIT));
        Running running;
        try {
            running = starter.start((worker, cause) -> {
                log.error("{} failed and the service cannot go on safely: stopping with exit code {} for Windows"
                        + " to restart it", worker, Fatal.EXIT_CODE, cause);
                endings.add(Ending.FAILED);
            });
        } catch (StartFailed | RuntimeException e) {
            exitCode = e instanceof StartFailed failed ? failed.exitCode() : Fatal.EXIT_CODE;
            log.error("the device service cannot start: {}", e.getMessage());
            scm.setStatus(ServiceStatus.stopped(exitCode));
            return;
        }
        scm.setStatus(ServiceStatus.running());
        log.info("running as Windows service {}", name);
        Ending ending;
        try {
            ending = endings.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Ending.STOP;
        }
        scm.setStatus(ServiceStatus.pending(ServiceStatus.State.STOP_PENDING, 1, STOP_WAIT));
        if (ending == Ending.FAILED) {
            running.stopAfterFailure();
            exitCode = Fatal.EXIT_CODE;
        } else {
            log.info("the Windows service manager asked the service to stop ({})",
                    ending == Ending.SHUTDOWN ? "the system is shutting down" : "stop");
            running.stop();
            exitCode = 0;
        }
        scm.setStatus(ServiceStatus.stopped(exitCode));
    }

    /** On the dispatcher's thread: queues the work for the service's own thread and returns at once. */
    private int control(int code) {
        switch (code) {
            case SERVICE_CONTROL_STOP -> endings.add(Ending.STOP);
            case SERVICE_CONTROL_SHUTDOWN -> endings.add(Ending.SHUTDOWN);
            case SERVICE_CONTROL_INTERROGATE -> {
                // the manager knows the last status reported; answering is enough
            }
            default -> {
                return ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
        return NO_ERROR;
    }
}
