package org.vigil.console.policy;

import java.time.Duration;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Every {@code period}, looks in the database for a policy version made current by another process (the
 * {@code wordlists} command) and announces it, as the revocation check does for devices; then runs {@code alsoCheck}
 * (the console passes its policy push's reconcile, which notices devices moved between groups elsewhere). A check
 * that fails is logged and counted by the supervisor's executor, and the next one runs on time.
 */
public final class PolicyWatch implements AutoCloseable {
    private final SerialExecutor checker;
    private final Runnable check;

    public PolicyWatch(Policies policies, Duration period, Runnable alsoCheck, Supervisor supervisor) {
        this.checker = supervisor.executor("vigil-policy-watch");
        this.check = () -> {
            policies.announceChangesMadeElsewhere();
            alsoCheck.run();
        };
        checker.scheduleWithFixedDelay(check, period, period);
    }

    /** Checks now rather than at the next period: another console instance said it changed something (ADR 0172). */
    public void checkNow() {
        checker.execute(check);
    }

    @Override
    public void close() {
        checker.close();
    }
}
