package org.vigil.console.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts per key (an address, an account, or both) within a window: failed sign-ins, bad enrolment tokens,
 * enrolments; {@code maxAttempts} of them lock the key out for a while. Memory is bounded: finished windows are swept once the map grows past {@code maxKeys}, and
 * past that only keys that are locked out are kept, so a flood of random usernames cannot fill the heap.
 */
public final class AttemptLimit {
    private final int maxAttempts;
    private final Duration window;
    private final Duration lockout;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AttemptLimit(int maxAttempts, Duration window, Duration lockout, int maxKeys, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.lockout = lockout;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** When the key's lockout ends, if it is locked out now. */
    public Optional<Instant> lockedUntil(String key) {
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        return entry != null && entry.lockedUntil() != null && now.isBefore(entry.lockedUntil())
                ? Optional.of(entry.lockedUntil()) : Optional.empty();
    }

    /** Counts an attempt; returns the end of the lockout it starts, if this attempt is the one that starts it. */
    public Optional<Instant> record(String key) {
        Instant now = clock.instant();
        if (entries.size() >= maxKeys) {
            sweep(now);
        }
        Entry updated = entries.compute(key, (k, old) -> {
            if (old == null || !now.isBefore(old.windowStart().plus(window))
                    || (old.lockedUntil() != null && !now.isBefore(old.lockedUntil()))) {
                return new Entry(1, now, maxAttempts <= 1 ? now.plus(lockout) : null, maxAttempts <= 1);
            }
            int count = old.count() + 1;
            boolean starts = old.lockedUntil() == null && count >= maxAttempts;
            return new Entry(count, old.windowStart(), starts ? now.plus(lockout) : old.lockedUntil(), starts);
        });
        return updated.justLocked() ? Optional.of(updated.lockedUntil()) : Optional.empty();
    }

    public void clear(String key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }

    private void sweep(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.windowStart().plus(window))
                && (entry.lockedUntil() == null || !now.isBefore(entry.lockedUntil())));
        if (entries.size() >= maxKeys) {
            entries.values().removeIf(entry -> entry.lockedUntil() == null || !now.isBefore(entry.lockedUntil()));
        }
    }

    private record Entry(int count, Instant windowStart, Instant lockedUntil, boolean justLocked) {
    }
}
