package org.vigil.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.console.throttle.AttemptLimit;
import org.vigil.testing.SettableClock;

/** The three limits on password guessing, on a clock the test moves. */
class LoginThrottleTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveFailuresForOneNameFromOneAddressLockThatPairOutAndSayForHowLong() {
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            assertEquals(Optional.empty(), throttle.recordFailure("mallory", "10.0.0.9"));
        }
        assertEquals(Optional.of(LoginThrottle.LOCKOUT), throttle.recordFailure("Mallory", "10.0.0.9"),
                "the fifth starts the lockout, once; names are compared without case");
        assertTrue(throttle.isLockedOut("mallory", "10.0.0.9"));
        assertFalse(throttle.isLockedOut("mallory", "10.0.0.10"), "another address is not");
        assertFalse(throttle.isLockedOut("dsl1", "10.0.0.9"), "another name from the address is not");

        clock.advance(LoginThrottle.LOCKOUT);
        assertFalse(throttle.isLockedOut("mallory", "10.0.0.9"));
    }

    @Test
    void aFloodOfRandomNamesFromOneAddressLocksTheAddressOut() {
        Optional<Duration> started = Optional.empty();
        for (int i = 0; i < LoginThrottle.MAX_ADDRESS_FAILURES; i++) {
            assertFalse(throttle.isLockedOut("random" + i, "203.0.113.7"));
            started = throttle.recordFailure("random" + i, "203.0.113.7");
        }
        assertEquals(Optional.of(LoginThrottle.ADDRESS_LOCKOUT), started);
        assertTrue(throttle.isLockedOut("anyone-at-all", "203.0.113.7"));
        assertFalse(throttle.isLockedOut("anyone-at-all", "203.0.113.8"));
    }

    @Test
    void oneAccountGuessedFromManyAddressesIsLockedForAWhile() {
        for (int i = 0; i < LoginThrottle.MAX_ACCOUNT_FAILURES; i++) {
            throttle.recordFailure("dsl1", "198.51.100." + i);
        }
        assertTrue(throttle.isLockedOut("dsl1", "192.0.2.1"), "from a new address too");
        assertEquals(LoginThrottle.ACCOUNT_LOCKOUT, throttle.lockedOut("dsl1", "192.0.2.1").orElseThrow());
        clock.advance(LoginThrottle.ACCOUNT_LOCKOUT);
        assertFalse(throttle.isLockedOut("dsl1", "192.0.2.1"));
    }

    @Test
    void aSuccessClearsItsNameButNotItsAddress() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.recordFailure("dsl1", "10.0.0.9");
        }
        throttle.recordSuccess("dsl1", "10.0.0.9");
        throttle.recordFailure("dsl1", "10.0.0.9");
        assertFalse(throttle.isLockedOut("dsl1", "10.0.0.9"), "counting starts again after a success");
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.recordFailure("dsl1", "10.0.0.9");
        }
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Optional.empty(), throttle.recordFailure("dsl1", "10.0.0.9"));
        assertFalse(throttle.isLockedOut("dsl1", "10.0.0.9"));
    }

    @Test
    void memoryIsBoundedWhateverTheFloodOfKeys() {
        AttemptLimit counter = new AttemptLimit(3, Duration.ofMinutes(5), Duration.ofMinutes(5), 1_000, clock);
        for (int i = 0; i < 3; i++) {
            counter.record("locked");
        }
        for (int i = 0; i < 50_000; i++) {
            counter.record("random-" + i);
        }
        assertTrue(counter.size() <= 1_000, "keys kept: " + counter.size());
        assertTrue(counter.lockedUntil("locked").isPresent(), "a locked-out key survives the sweep");
    }
}
