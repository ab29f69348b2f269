package org.vigil.console.policy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code period}, looks in the database for a policy version made current by another process (the
 * {@code wordlists} command) and announces it, as the revocation check does for devices; then runs {@code alsoCheck}
 * (the console passes its policy push's reconcile, which notices devices moved between groups elsewhere).
 */
public final class PolicyWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyWatch.class);

    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigil-policy-watch");
        thread.setDaemon(true);
        return thread;
    });

    public PolicyWatch(Policies policies, Duration period, Runnable alsoCheck) {
        checker.scheduleWithFixedDelay(() -> {
            try {
                policies.announceChangesMadeElsewhere();
                alsoCheck.run();
            } catch (RuntimeException e) {
                LOG.warn("cannot check for policy changes: {}", e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
