package org.vigil.agent.winservice;

import java.time.Duration;

/**
 * What {@code SetServiceStatus} tells the Service Control Manager ({@code SERVICE_STATUS}, own-process service).
 *
 * @param acceptsStop     whether stop and shutdown controls are accepted now ({@code SERVICE_ACCEPT_STOP |
 *                        SERVICE_ACCEPT_SHUTDOWN}); never while starting or stopping
 * @param win32ExitCode   0, or {@link #ERROR_SERVICE_SPECIFIC_ERROR} with the agent's exit code beside it
 * @param checkPoint      increases while a pending state lasts
 * @param waitHint        how long the manager should wait before taking a pending state as hung
 */
public record ServiceStatus(State state, boolean acceptsStop, int win32ExitCode, int serviceSpecificExitCode,
                            int checkPoint, Duration waitHint) {
    /** The service stopped with an error of its own, in {@code serviceSpecificExitCode}. */
    public static final int ERROR_SERVICE_SPECIFIC_ERROR = 1066;

    /** {@code dwCurrentState}. */
    public enum State {
        STOPPED(1), START_PENDING(2), STOP_PENDING(3), RUNNING(4);

        public final int code;

        State(int code) {
            this.code = code;
        }
    }

    static ServiceStatus pending(State state, int checkPoint, Duration waitHint) {
        return new ServiceStatus(state, false, 0, 0, checkPoint, waitHint);
    }

    static ServiceStatus running() {
        return new ServiceStatus(State.RUNNING, true, 0, 0, 0, Duration.ZERO);
    }

    /** Stopped; {@code exitCode} 0 is a clean stop, anything else a service-specific error. */
    static ServiceStatus stopped(int exitCode) {
        return new ServiceStatus(State.STOPPED, false, exitCode == 0 ? 0 : ERROR_SERVICE_SPECIFIC_ERROR, exitCode, 0,
                Duration.ZERO);
    }
}
