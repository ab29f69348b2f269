package org.vigil.console.edge;

import java.time.Duration;

/**
 * A token bucket's shape: {@code burst} at once, then one every {@code refillEvery}; at most {@code keys} buckets
 * (client addresses, devices) are remembered, the least recently used forgotten first, so random keys cannot grow
 * the console's memory.
 */
public record RateLimit(int burst, Duration refillEvery, int keys) {
    /**
     * Requests without a session, per client address: a school's staff behind one NAT signing in at 8:30 fit
     * comfortably; a script hammering the sign-in form does not.
     */
    public static final RateLimit DEFAULT = new RateLimit(120, Duration.ofMillis(250), 10_000);
    /**
     * New Connect streams per device: an agent reconnects with jittered back-off from 1 s up, so a hundred at once
     * and one a second after is far more than any agent opens; a flood of them is refused before the database.
     */
    public static final RateLimit DEVICE_STREAMS = new RateLimit(100, Duration.ofSeconds(1), 10_000);

    public RateLimit {
        if (burst < 1 || keys < 1 || refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a burst, a refill interval and a number of keys,"
                    + " all positive");
        }
    }
}
