package org.vigil.console.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per key (a client address for requests without a session, a device for new streams; issue 13):
 * each key may take {@link RateLimit#burst()} at once, then one per {@link RateLimit#refillEvery()}. At most
 * {@link RateLimit#keys()} buckets are kept, least recently used forgotten first: a flood from random keys costs
 * bounded memory, and a forgotten key only starts again with a full bucket.
 */
public final class TokenBuckets {
    private final RateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    public TokenBuckets(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > limit.keys();
            }
        };
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return empty if the request may go on, else how long until the key may try again
     */
    public Optional<Duration> take(String key) {
        long now = clock.millis();
        long refillMillis = limit.refillEvery().toMillis();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(key, a -> new Bucket(limit.burst(), now));
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

    /** How many keys are remembered now. */
    public int keysKept() {
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
