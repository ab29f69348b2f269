package org.vigil.console.alerts;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Runs a check that queues alerts (the morning digest, escalation, IT's device alerts) every {@code period} on a supervised thread, and
 * wakes the senders when it queued any. A check that fails is logged and counted, and the next runs on time;
 * the check itself decides from the clock and the outbox's dedupe keys what is due, so a restart loses nothing.
 */
public final class ScheduledAlerts implements AutoCloseable {
    private final SerialExecutor executor;

    /**
     * @param check    returns how many alerts (or batches) it queued
     * @param firstRun how long after the start the check first runs
     */
    public ScheduledAlerts(String name, IntSupplier check, Duration firstRun, Duration period, Runnable wakeSenders,
                           Supervisor supervisor) {
        this.executor = supervisor.executor(name);
        executor.scheduleWithFixedDelay(() -> {
            if (check.getAsInt() > 0) {
                wakeSenders.run();
            }
        }, firstRun, period);
    }

    @Override
    public void close() {
        executor.close();
    }
}
