package org.vigil.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * What a supervised worker is doing now, for health endpoints and heartbeats.
 *
 * @param failures      how many times it failed (a thread restarted, or a task threw) since it started
 * @param lastFailure   the last failure's exception, in one line
 * @param lastActive    when it last finished a task or began its loop
 */
public record WorkerHealth(String name, State state, long failures, Optional<Instant> lastFailureAt,
                           Optional<String> lastFailure, Optional<Instant> lastActive) {

    /** RUNNING and RESTARTING are alive; DEAD needs the process restarted; STOPPED was closed on purpose. */
    public enum State {
        RUNNING, RESTARTING, STOPPED, DEAD
    }

    public boolean alive() {
        return state == State.RUNNING || state == State.RESTARTING;
    }
}
