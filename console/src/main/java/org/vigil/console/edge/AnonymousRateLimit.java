package org.vigil.console.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client address for requests made without a session (issue 13): each address may make
 * {@link AnonymousLimit#burst()} at once, then one per {@link AnonymousLimit#refillEvery()}. At most
 * {@link AnonymousLimit#addresses()} buckets are kept, least recently used forgotten first: a flood from random
 * addresses costs bounded memory, and a forgotten address only starts again with a full bucket.
 */
public final class AnonymousRateLimit {
    private final AnonymousLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    public AnonymousRateLimit(AnonymousLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > limit.addresses();
            }
        };
    }

    /**
     * Takes one request from the address's bucket.
     *
     * @return empty if the request may go on, else how long until the address may try again
     */
    public Optional<Duration> take(String address) {
        long now = clock.millis();
        long refillMillis = limit.refillEvery().toMillis();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(limit.burst(), now));
            long earned = (now - bucket.since) / Math.max(1, refillMillis);
            if (earned > 0) {
                bucket.tokens = (int) Math.min(limit.burst(), bucket.tokens + earned);
                bucket.since = bucket.tokens == limit.burst() ? now : bucket.since + earned * refillMillis;
            }
            if (bucket.tokens > 0) {
                bucket.tokens--;
                return Optional.empty();
            }
            long waitMillis = Math.max(1, bucket.since + refillMillis - now);
            return Optional.of(Duration.ofMillis(waitMillis));
        }
    }

    /** How many addresses are remembered now. */
    public int addressesKept() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private static final class Bucket {
        private int tokens;
        private long since;

        private Bucket(int tokens, long since) {
            this.tokens = tokens;
            this.since = since;
        }
    }
}
