package org.vigil.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker thread that runs a {@link Loop} and runs it again when it throws or returns on its own, after a delay
 * that doubles from {@code firstDelay} up to a minute (and starts again once the loop has run a minute without
 * failing). A JVM error (out of memory and the like) is not retried: it goes to the {@link Fatal} handler.
 */
public final class SupervisedThread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupervisedThread.class);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final WorkerRecord record;
    private final Loop loop;
    private final Fatal fatal;
    private final Clock clock;
    private final Duration firstDelay;
    private final Thread thread;
    private volatile boolean closed;

    SupervisedThread(WorkerRecord record, Loop loop, Fatal fatal, Clock clock, Duration firstDelay) {
        this.record = record;
        this.loop = loop;
        this.fatal = fatal;
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.thread = new Thread(this::supervise, record.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void supervise() {
        Duration delay = firstDelay;
        while (!closed) {
            Instant began = clock.instant();
            record.state(WorkerHealth.State.RUNNING);
            record.active();
            Throwable failure;
            try {
                loop.run();
                if (closed) {
                    break;
                }
                failure = new IllegalStateException("the loop returned while nobody asked it to stop");
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                failure = e;
            } catch (VirtualMachineError e) {
                record.failed(e);
                record.state(WorkerHealth.State.DEAD);
                fatal.failed(record.name(), e);
                return;
            } catch (Throwable e) {
                failure = e;
            }
            record.failed(failure);
            if (Duration.between(began, clock.instant()).compareTo(MAX_DELAY) >= 0) {
                delay = firstDelay;
            }
            log.error("{} failed; starting it again in {} ms", record.name(), delay.toMillis(), failure);
            record.state(WorkerHealth.State.RESTARTING);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
        record.state(WorkerHealth.State.STOPPED);
    }

    /** Marks this worker as doing its job now (a loop calls it after each piece of work, if it wants to be seen). */
    public void active() {
        record.active();
    }

    public WorkerHealth health() {
        return record.health();
    }

    /** Interrupts the loop and waits up to {@code wait} for it to end. */
    public void close(Duration wait) {
        closed = true;
        thread.interrupt();
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
