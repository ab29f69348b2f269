package org.vigil.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something another thread or process does: poll until it is true, or fail with a
 * message that says what never happened. Shared with the other modules' tests as this module's test-jar.
 */
public final class WaitUntil {
    private static final long POLL_MILLIS = 20;

    private WaitUntil() {
    }

    /** Polls until the condition holds; fails with {@code what} (what should have happened) after the timeout. */
    public static void waitUntil(Duration timeout, String what, BooleanSupplier condition) {
        waitFor(timeout, what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** Polls until the probe finds a value and returns it; fails with {@code what} after the timeout. */
    public static <T> T waitFor(Duration timeout, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
