package org.vigil.console;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An executor a test can hold back: while held, tasks wait here in order (counted) instead of running, as they would
 * in a pool whose threads are all busy; {@link #release()} runs them and lets later ones straight through. The
 * tasks run on a real thread pool.
 */
final class HeldExecutor implements Executor, AutoCloseable {
    private final ExecutorService threads;
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean held;

    HeldExecutor(int threads) {
        this.threads = Executors.newFixedThreadPool(threads);
    }

    @Override
    public void execute(Runnable task) {
        synchronized (waiting) {
            if (held) {
                waiting.add(task);
                return;
            }
        }
        threads.execute(task);
    }

    void hold() {
        synchronized (waiting) {
            held = true;
        }
    }

    /** How many tasks wait for {@link #release()}. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    void release() {
        List<Runnable> due;
        synchronized (waiting) {
            held = false;
            due = new ArrayList<>(waiting);
            waiting.clear();
        }
        due.forEach(threads::execute);
    }

    @Override
    public void close() {
        release();
        threads.shutdownNow();
    }
}
