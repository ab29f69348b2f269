package org.vigil.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that runs tasks one at a time, now, later or periodically; no task's failure is lost. A task
 * that throws is logged with its cause and counted in {@link #health()}; a periodic task keeps its schedule (a
 * plain {@code ScheduledExecutorService} would cancel it silently). A JVM error goes to the {@link Fatal} handler.
 * After {@link #close} new tasks are dropped quietly: the owner is stopping.
 */
public final class SerialExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final WorkerRecord record;
    private final Fatal fatal;
    private final ScheduledThreadPoolExecutor executor;

    SerialExecutor(WorkerRecord record, Fatal fatal) {
        this.record = record;
        this.fatal = fatal;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, record.name());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs the task soon; returns false if the executor is closed. */
    public boolean execute(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs the task soon; the future carries its result or failure (which is logged too). */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
                throw new TaskFailed(e);
            } catch (Throwable e) {
                result.completeExceptionally(e);
                throw e;
            }
        });
        if (!queued) {
            result.completeExceptionally(new RejectedExecutionException(record.name() + " is closed"));
        }
        return result;
    }

    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
        return executor.scheduleWithFixedDelay(guarded(task), initialDelay.toMillis(), delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
                record.active();
            } catch (VirtualMachineError e) {
                record.failed(e);
                record.state(WorkerHealth.State.DEAD);
                fatal.failed(record.name(), e);
            } catch (Throwable e) {
                Throwable cause = e instanceof TaskFailed ? e.getCause() : e;
                record.failed(cause);
                log.error("a task on {} failed", record.name(), cause);
            }
        };
    }

    public WorkerHealth health() {
        return record.health();
    }

    /** Lets queued tasks finish for up to {@code wait}, then interrupts what is still running. */
    public void close(Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        record.state(WorkerHealth.State.STOPPED);
    }

    /** Stops at once: queued tasks are dropped and a running one is interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
        record.state(WorkerHealth.State.STOPPED);
    }

    /** Carries a checked failure out of a submitted task so it is logged like any other. */
    private static final class TaskFailed extends RuntimeException {
        TaskFailed(Exception cause) {
            super(cause);
        }
    }
}
