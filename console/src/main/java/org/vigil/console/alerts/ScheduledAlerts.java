package org.vigil.console.alerts;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Runs a check that queues alerts (the morning digest, escalation) every {@code period} on a supervised thread, and
 * wakes the senders when it queued any. A check that fails is logged and counted, and the next runs on time;
 * the check itself decides from the clock and the outbox's dedupe keys what is due, so a restart loses nothing.
 */
public final class ScheduledAlerts implements AutoCloseable {
    private final SerialExecutor executor;

    /** @param check returns how many alerts it queued */
    public ScheduledAlerts(String name, IntSupplier check, Duration period, Runnable wakeSenders,
                           Supervisor supervisor) {
        this.executor = supervisor.executor(name);
        executor.scheduleWithFixedDelay(() -> {
            if (check.getAsInt() > 0) {
                wakeSenders.run();
            }
        }, Duration.ofSeconds(1), period);
    }

    @Override
    public void close() {
        executor.close();
    }
}
