package org.vigil.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every background thread and task of one process is made here, so none can die quietly: a failure is logged with
 * its cause, a loop is started again, a JVM error ends the process for its service manager to restart
 * ({@link Fatal}), and {@link #health()} says which workers are alive for health endpoints and heartbeats.
 * Wired by constructor: one per process (tests make their own).
 */
public final class Supervisor implements AutoCloseable {
    static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);

    private final Fatal fatal;
    private final Clock clock;
    private final Duration firstRestartDelay;
    private final List<WorkerRecord> records = new CopyOnWriteArrayList<>();
    private final List<SupervisedThread> threads = new CopyOnWriteArrayList<>();
    private final List<SerialExecutor> executors = new CopyOnWriteArrayList<>();

    public Supervisor(Fatal fatal, Clock clock) {
        this(fatal, clock, FIRST_RESTART_DELAY);
    }

    public Supervisor(Fatal fatal, Clock clock, Duration firstRestartDelay) {
        this.fatal = fatal;
        this.clock = clock;
        this.firstRestartDelay = firstRestartDelay;
    }

    /** For a service process: a fatal failure exits with {@link Fatal#EXIT_CODE}. */
    public static Supervisor forProcess() {
        return new Supervisor(Fatal.exitProcess(), Clock.systemUTC());
    }

    /** Starts a named thread running the loop, started again whenever it fails. */
    public SupervisedThread thread(String name, Loop loop) {
        SupervisedThread thread = new SupervisedThread(record(name), loop, fatal, clock, firstRestartDelay);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** A named single thread for tasks, with every failure logged and counted. */
    public SerialExecutor executor(String name) {
        SerialExecutor executor = new SerialExecutor(record(name), fatal);
        executors.add(executor);
        return executor;
    }

    /** Every worker made here, in the order made. */
    public List<WorkerHealth> health() {
        return records.stream().map(WorkerRecord::health).toList();
    }

    private WorkerRecord record(String name) {
        WorkerRecord record = new WorkerRecord(name, clock);
        records.add(record);
        return record;
    }

    /** Whether no worker is dead (a closed one is not dead). */
    public boolean healthy() {
        return health().stream().noneMatch(h -> h.state() == WorkerHealth.State.DEAD);
    }

    /** Stops every worker at once; owners that must drain first close theirs before this. */
    @Override
    public void close() {
        threads.forEach(thread -> thread.close(Duration.ofSeconds(2)));
        executors.forEach(SerialExecutor::close);
    }
}
