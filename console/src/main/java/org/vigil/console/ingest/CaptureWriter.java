package org.vigil.console.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.StoreOutcome;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * Stores captures from every device stream on one thread, as many as are waiting in one transaction (group
 * commit): SQLite syncs once per batch instead of once per event. Each capture's future completes only after its
 * batch is committed, so an ack sent from it means "durably stored". If a batch fails, its captures are retried
 * one by one so one bad capture cannot fail the others. If writing a batch throws anything else (an
 * {@code Error}), every future of the batch fails, so no stream waits for an ack that never comes, and the
 * supervisor starts the thread again on the same queue.
 */
public final class CaptureWriter implements AutoCloseable {
    static final int MAX_BATCH = 1024;
    static final String WORKER = "vigil-capture-writer";
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);

    private final CaptureRepository captures;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Object closing = new Object();
    private final SupervisedThread thread;
    private boolean closed;

    /** A capture to store, or (with no capture) a marker completed once everything queued before it is stored. */
    private record Pending(NewCapture capture, CompletableFuture<StoreOutcome> done) {
    }

    public CaptureWriter(CaptureRepository captures, Supervisor supervisor) {
        this.captures = captures;
        this.thread = supervisor.thread(WORKER, this::run);
    }

    /** Queues the capture; the future says whether it was stored now, already stored, or refused (device revoked). */
    public CompletableFuture<StoreOutcome> store(NewCapture capture) {
        CompletableFuture<StoreOutcome> done = new CompletableFuture<>();
        synchronized (closing) {
            if (closed) {
                done.completeExceptionally(stopping());
            } else {
                queue.add(new Pending(capture, done));
            }
        }
        return done;
    }

    private void run() throws InterruptedException {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.add(queue.take());
            queue.drainTo(batch, MAX_BATCH - 1);
            List<Pending> markers = batch.stream().filter(pending -> pending.capture() == null).toList();
            batch.removeAll(markers);
            if (!batch.isEmpty()) {
                write(batch);
            }
            markers.forEach(marker -> marker.done().complete(StoreOutcome.STORED));
            batch.clear();
            thread.active();
        }
    }

    private void write(List<Pending> batch) {
        try {
            writeOrRetryOneByOne(batch);
        } catch (Throwable e) {
            for (Pending pending : batch) {
                pending.done().completeExceptionally(e);
            }
            throw e;
        }
    }

    private void writeOrRetryOneByOne(List<Pending> batch) {
        try {
            List<StoreOutcome> stored = captures.storeAllIfAbsent(batch.stream().map(Pending::capture).toList());
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

    /** Stores what is queued (for up to 5 s), then stops; what is still queued then fails. */
    @Override
    public void close() {
        CompletableFuture<StoreOutcome> drained = new CompletableFuture<>();
        synchronized (closing) {
            closed = true;
            queue.add(new Pending(null, drained));
        }
        try {
            drained.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the capture writer did not finish its queue in time: {}", e.toString());
        }
        thread.close(Duration.ofSeconds(2));
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.done().completeExceptionally(stopping()));
    }

    private static IllegalStateException stopping() {
        return new IllegalStateException("the console is stopping");
    }
}
