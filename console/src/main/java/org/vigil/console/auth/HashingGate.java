package org.vigil.console.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounds how many password checks run at once. Each argon2id check takes 19 MiB and tens of milliseconds of a
 * core; unbounded, 100 concurrent sign-in attempts took 4.7 GB and starved ingest and heartbeats (issue 13). A check
 * that cannot start within a short wait is refused at once ("busy") rather than queued, so a flood costs the
 * attacker refusals and the console a fixed amount of memory and CPU.
 */
public final class HashingGate {
    /** Half the cores, at least two: sign-in stays responsive and ingest keeps the other half. */
    public static final int DEFAULT_PERMITS = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
    public static final Duration DEFAULT_WAIT = Duration.ofMillis(500);

    private final Semaphore permits;
    private final Duration wait;

    public HashingGate(int permits, Duration wait) {
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    public static HashingGate defaults() {
        return new HashingGate(DEFAULT_PERMITS, DEFAULT_WAIT);
    }

    /** The check's result, or empty when too many checks are running to start this one soon. */
    public Optional<Boolean> check(BooleanSupplier check) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (!acquired) {
            return Optional.empty();
        }
        try {
            return Optional.of(check.getAsBoolean());
        } finally {
            permits.release();
        }
    }
}
