package org.vigil.agent.evidence;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-device event numbers that only go up: each is at least the current time in milliseconds, so they keep
 * increasing across restarts without being stored (unless the clock is set back by more than the gap).
 */
public final class SequenceNumbers {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public SequenceNumbers(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        return last.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
    }
}
