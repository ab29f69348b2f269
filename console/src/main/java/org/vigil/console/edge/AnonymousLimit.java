package org.vigil.console.edge;

import java.time.Duration;

/**
 * How many requests a client address may make without a session: {@code burst} at once, then one every
 * {@code refillEvery}; at most {@code addresses} addresses are remembered (the least recently seen is forgotten
 * first, so random addresses cannot grow the console's memory).
 */
public record AnonymousLimit(int burst, Duration refillEvery, int addresses) {
    /** A school's staff behind one NAT signing in at 8:30 fit comfortably; a script hammering the login does not. */
    public static final AnonymousLimit DEFAULT = new AnonymousLimit(120, Duration.ofMillis(250), 10_000);

    public AnonymousLimit {
        if (burst < 1 || addresses < 1 || refillEvery == null || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("an anonymous request limit needs a burst, a refill interval and a"
                    + " number of addresses, all positive");
        }
    }
}
