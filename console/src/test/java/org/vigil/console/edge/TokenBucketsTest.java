package org.vigil.console.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.vigil.testing.SettableClock;

class TokenBucketsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T08:30:00Z"));

    @Test
    void anAddressGetsItsBurstThenOneRequestPerRefill() {
        TokenBuckets limit = new TokenBuckets(new RateLimit(3, Duration.ofSeconds(2), 100), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limit.take("10.0.0.1"), "request " + i + " of the burst");
        }
        assertEquals(Optional.of(Duration.ofSeconds(2)), limit.take("10.0.0.1"));
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.of(Duration.ofMillis(1500)), limit.take("10.0.0.1"), "says how long to wait");
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Optional.empty(), limit.take("10.0.0.1"), "one token earned");
        assertTrue(limit.take("10.0.0.1").isPresent());
        assertEquals(Optional.empty(), limit.take("10.0.0.2"), "another address has its own bucket");
    }

    @Test
    void aLongQuietFillsTheBucketNoFurtherThanTheBurst() {
        TokenBuckets limit = new TokenBuckets(new RateLimit(2, Duration.ofSeconds(1), 100), clock);
        limit.take("10.0.0.1");
        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), limit.take("10.0.0.1"));
        assertEquals(Optional.empty(), limit.take("10.0.0.1"));
        assertTrue(limit.take("10.0.0.1").isPresent());
    }

    @Test
    void randomAddressesCostBoundedMemory() {
        TokenBuckets limit = new TokenBuckets(new RateLimit(5, Duration.ofSeconds(1), 1_000), clock);
        for (int i = 0; i < 200_000; i++) {
            limit.take("10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256)
                    + "." + ThreadLocalRandom.current().nextInt(256));
        }
        assertEquals(1_000, limit.keysKept());
    }

    @Test
    void theAddressInUseIsKeptWhileRandomOnesComeAndGo() {
        TokenBuckets limit = new TokenBuckets(new RateLimit(2, Duration.ofHours(1), 10), clock);
        limit.take("10.0.0.1");
        limit.take("10.0.0.1");
        for (int i = 0; i < 100; i++) {
            limit.take("192.168.0." + i);
            assertTrue(limit.take("10.0.0.1").isPresent(), "still limited after " + i + " other addresses");
        }
    }
}
