package org.vigil.console.retention;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.Supervisor;

/**
 * Runs the retention purge inside the console every day on a supervised thread ({@code vigil-retention} on
 * {@code /healthz}), first a few minutes after the start so a restart loop cannot keep purging. A run that fails is
 * logged and counted by the supervisor, and the next runs the following day; the purge itself decides from the
 * clock and the data what is due, so a missed day loses nothing.
 */
public final class DailyRetention {
    public static final Duration FIRST_RUN = Duration.ofMinutes(10);
    static final Duration PERIOD = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(DailyRetention.class);

    private DailyRetention() {
    }

    /** Schedules the daily run on an executor the supervisor owns and closes. */
    public static void start(RetentionPurge purge, Supervisor supervisor) {
        supervisor.executor("vigil-retention").scheduleWithFixedDelay(() -> {
            PurgeReport report = purge.run("retention");
            LOG.info("Retention run: {} captures, {} screenshots, {} incidents, {} unused files, {} audit entries"
                    + " removed", report.captures(), report.screenshots(), report.incidents(), report.files(),
                    report.auditEntries());
        }, FIRST_RUN, PERIOD);
    }
}
