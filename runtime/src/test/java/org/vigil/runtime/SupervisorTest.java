package org.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> fatalWorkers = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatalCauses = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> {
        fatalWorkers.add(worker);
        fatalCauses.add(cause);
    }, Clock.systemUTC(), Duration.ofMillis(10));

    @AfterEach
    void stop() {
        supervisor.close();
    }

    @Test
    void aLoopThatThrowsIsStartedAgainAndItsFailureCounted() {
        AtomicInteger runs = new AtomicInteger();
        supervisor.thread("flaky", () -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("boom " + runs.get());
            }
            Thread.sleep(Long.MAX_VALUE);
        });

        waitUntil(WAIT, "the loop ran a third time", () -> runs.get() == 3);
        WorkerHealth health = supervisor.health().get(0);
        assertEquals("flaky", health.name());
        assertEquals(2, health.failures());
        assertEquals("java.lang.IllegalStateException: boom 2", health.lastFailure().orElseThrow());
        waitUntil(WAIT, "the worker shows as running", () ->
                supervisor.health().get(0).state() == WorkerHealth.State.RUNNING);
        assertTrue(supervisor.healthy());
    }

    @Test
    void aLoopThatReturnsOnItsOwnIsAFailureAndIsStartedAgain() {
        AtomicInteger runs = new AtomicInteger();
        supervisor.thread("quitter", () -> {
            if (runs.incrementAndGet() > 1) {
                Thread.sleep(Long.MAX_VALUE);
            }
        });

        waitUntil(WAIT, "the loop ran again", () -> runs.get() == 2);
        assertTrue(supervisor.health().get(0).lastFailure().orElseThrow().contains("returned"));
    }

    @Test
    void aJvmErrorIsNotRetriedButGoesToTheFatalHandlerAndShowsTheWorkerDead() {
        AtomicInteger runs = new AtomicInteger();
        supervisor.thread("writer", () -> {
            runs.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        });

        waitUntil(WAIT, "the fatal handler heard of it", () -> !fatalWorkers.isEmpty());
        assertEquals(List.of("writer"), fatalWorkers);
        assertInstanceOf(OutOfMemoryError.class, fatalCauses.get(0));
        waitUntil(WAIT, "the worker shows dead", () -> supervisor.health().get(0).state() == WorkerHealth.State.DEAD);
        assertFalse(supervisor.healthy());
        assertEquals(1, runs.get());
    }

    @Test
    void closingStopsALoopWithoutCountingAFailure() {
        SupervisedThread thread = supervisor.thread("sleeper", () -> Thread.sleep(Long.MAX_VALUE));
        waitUntil(WAIT, "the loop started", () -> thread.health().lastActive().isPresent());

        thread.close(WAIT);

        assertEquals(WorkerHealth.State.STOPPED, thread.health().state());
        assertEquals(0, thread.health().failures());
        assertTrue(supervisor.healthy());
    }

    @Test
    void aFailingTaskIsLoggedAndCountedAndThePeriodicTaskKeepsItsSchedule() {
        SerialExecutor executor = supervisor.executor("checks");
        AtomicInteger runs = new AtomicInteger();
        executor.scheduleWithFixedDelay(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("database is locked");
        }, Duration.ZERO, Duration.ofMillis(5));

        waitUntil(WAIT, "the task ran five times though every run threw", () -> runs.get() >= 5);
        WorkerHealth health = executor.health();
        assertTrue(health.failures() >= 5, "failures counted: " + health.failures());
        assertEquals("java.lang.IllegalStateException: database is locked", health.lastFailure().orElseThrow());
        assertTrue(health.alive());
    }

    @Test
    void aSubmittedTaskHandsBackItsFailureAndTheThreadGoesOn() throws Exception {
        SerialExecutor executor = supervisor.executor("delivery");
        CompletableFuture<Object> failed = executor.submit(() -> {
            throw new java.io.IOException("disk full");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertEquals("disk full", thrown.getCause().getMessage());

        assertEquals(42, executor.submit(() -> 42).get(5, TimeUnit.SECONDS));
        assertEquals(1, executor.health().failures());
    }

    @Test
    void anErrorInATaskGoesToTheFatalHandler() {
        SerialExecutor executor = supervisor.executor("heartbeats");
        executor.execute(() -> {
            throw new StackOverflowError();
        });

        waitUntil(WAIT, "the fatal handler heard of it", () -> fatalWorkers.contains("heartbeats"));
        assertEquals(WorkerHealth.State.DEAD, executor.health().state());
    }

    @Test
    void aClosedExecutorRefusesTasksQuietly() {
        SerialExecutor executor = supervisor.executor("stopping");
        executor.close();

        assertFalse(executor.execute(() -> { }));
        assertTrue(executor.submit(() -> 1).isCompletedExceptionally());
        assertEquals(WorkerHealth.State.STOPPED, executor.health().state());
    }
}
