package org.vigil.console.alerts.it;

import java.time.Duration;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Runs the {@link ItAlertCheck} every {@link #PERIOD} on a supervised worker ({@code vigil-it-alerts} on
 * /healthz). A round that fails is logged and counted, and the next one runs on time; as everything a round does
 * commits together, a failed round leaves nothing half done.
 */
public final class ItAlerts implements AutoCloseable {
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private final SerialExecutor checker;

    public ItAlerts(ItAlertCheck check, Duration period, Supervisor supervisor) {
        this.checker = supervisor.executor("vigil-it-alerts");
        checker.scheduleWithFixedDelay(check::run, period, period);
    }

    @Override
    public void close() {
        checker.close();
    }
}
