package org.vigil.console.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.NewCapture;

/**
 * Stores captures from every device stream on one thread, as many as are waiting in one transaction (group
 * commit): SQLite syncs once per batch instead of once per event. Each capture's future completes only after its
 * batch is committed, so an ack sent from it means "durably stored". If a batch fails, its captures are retried
 * one by one so one bad capture cannot fail the others.
 */
public final class CaptureWriter implements AutoCloseable {
    static final int MAX_BATCH = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);

    private final CaptureRepository captures;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private record Pending(NewCapture capture, CompletableFuture<Boolean> done) {
    }

    public CaptureWriter(CaptureRepository captures) {
        this.captures = captures;
        this.thread = new Thread(this::run, "vigil-capture-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the capture; the future says true when stored now, false if it was already stored. */
    public CompletableFuture<Boolean> store(NewCapture capture) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the console is stopping"));
        } else {
            queue.add(new Pending(capture, done));
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            boolean stop = false;
            while (!stop) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                stop = batch.removeIf(pending -> pending.capture() == null);
                if (!batch.isEmpty()) {
                    write(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batch.addAll(queue);
        for (Pending pending : batch) {
            pending.done().completeExceptionally(new IllegalStateException("the console is stopping"));
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Boolean> stored = captures.storeAllIfAbsent(batch.stream().map(Pending::capture).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(stored.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            LOG.warn("storing a batch of {} captures failed ({}); storing them one by one", batch.size(),
                    batchFailure.toString());
            for (Pending pending : batch) {
                try {
                    pending.done().complete(captures.storeIfAbsent(pending.capture()));
                } catch (RuntimeException e) {
                    pending.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        queue.add(new Pending(null, new CompletableFuture<>())); // the end marker
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
