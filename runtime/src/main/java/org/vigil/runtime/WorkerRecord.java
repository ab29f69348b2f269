package org.vigil.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** A worker's health as it changes; thread-safe. */
final class WorkerRecord {
    private final String name;
    private final Clock clock;
    private WorkerHealth.State state = WorkerHealth.State.RUNNING;
    private long failures;
    private Instant lastFailureAt;
    private String lastFailure;
    private Instant lastActive;

    WorkerRecord(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    synchronized void active() {
        lastActive = clock.instant();
    }

    synchronized void failed(Throwable cause) {
        failures++;
        lastFailureAt = clock.instant();
        lastFailure = cause.toString();
    }

    synchronized void state(WorkerHealth.State next) {
        if (state != WorkerHealth.State.DEAD) {
            state = next;
        }
    }

    synchronized WorkerHealth health() {
        return new WorkerHealth(name, state, failures, Optional.ofNullable(lastFailureAt),
                Optional.ofNullable(lastFailure), Optional.ofNullable(lastActive));
    }
}
