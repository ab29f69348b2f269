package org.vigil.agent.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential back-off: 1 s, 2 s, 4 s... capped at 60 s, each delay drawn at random from its upper half
 * so that many agents coming back after an outage do not reconnect in step.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration cap, RandomGenerator random) {
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), RandomGenerator.getDefault());
    }

    public synchronized Duration next() {
        long ceiling = initial.toMillis() << Math.min(attempt, 20);
        ceiling = Math.min(ceiling, cap.toMillis());
        attempt++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    public synchronized void reset() {
        attempt = 0;
    }
}
