package org.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Slows password guessing: after 5 failures for one username from one address, 30 seconds of refusals. */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofSeconds(30);

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean isLockedOut(String username, String address) {
        Failures current = failures.get(key(username, address));
        return current != null && current.lockedUntil() != null && clock.instant().isBefore(current.lockedUntil());
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        failures.compute(key(username, address), (k, old) -> {
            int count = old == null || (old.lockedUntil() != null && !now.isBefore(old.lockedUntil())) ? 1 : old.count() + 1;
            return new Failures(count, count >= MAX_FAILURES ? now.plus(LOCKOUT) : null);
        });
    }

    public void recordSuccess(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\n" + address;
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}
