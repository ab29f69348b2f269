package org.vigil.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingGateTest {
    @Test
    void whenEveryPermitIsBusyACheckIsRefusedNotQueuedAndOnceFreeItRuns() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(50));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Boolean>> slow = pool.submit(() -> gate.check(() -> {
                started.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return false;
                }
            }));
            assertTrue(started.await(5, TimeUnit.SECONDS));

            assertEquals(Optional.empty(), gate.check(() -> true), "busy: refused");

            release.countDown();
            assertEquals(Optional.of(true), slow.get(5, TimeUnit.SECONDS));
            assertEquals(Optional.of(false), gate.check(() -> false), "free again: the check's own answer");
        } finally {
            pool.shutdownNow();
        }
    }
}
