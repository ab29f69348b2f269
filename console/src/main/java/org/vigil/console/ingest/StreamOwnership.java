package org.vigil.console.ingest;

import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.cluster.ClusterBus;
import org.vigil.console.cluster.ClusterMessage.StreamTaken;
import org.vigil.console.store.DeviceStreamRepository;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * One live stream per device across the console instances on one database (ADR 0173), as {@link LiveStreams} keeps
 * one per device within an instance: each stream opened here takes its device's row in {@code device_streams}
 * (a new, higher generation) and says so on the bus; an instance that holds an older stream of the device ends it,
 * so the newer connection wins wherever it landed. The takes are written on a thread of their own, never on the
 * stream's (issue 13: a stream's thread does not wait for the database), and group-committed (ADR 0208): every
 * stream that opened while the last transaction ran is taken in the next, up to {@link #TAKES_PER_TRANSACTION}, so
 * thousands of agents arriving at once (a start, another instance's failure) cost tens of transactions, not
 * thousands. A stream that ended before its turn is not taken. Only made for a clustered bus (PostgreSQL).
 */
public final class StreamOwnership implements AutoCloseable {
    /** Small enough that a transaction that loses to another instance's (SERIALIZABLE) is cheap to run again. */
    static final int TAKES_PER_TRANSACTION = 256;
    private static final Logger LOG = LoggerFactory.getLogger(StreamOwnership.class);

    private final LiveStreams live;
    private final DeviceStreamRepository repository;
    private final ClusterBus bus;
    private final SerialExecutor taker;
    /** The newest generation other instances announced per device: a take here that lost the race ends itself. */
    private final Map<String, Long> newestElsewhere = new ConcurrentHashMap<>();
    /** Streams opened and not yet taken, oldest first; guarded by itself. */
    private final Deque<DeviceStream> waiting = new ArrayDeque<>();
    /** Whether a batch is queued on the taker; guarded by {@link #waiting}. */
    private boolean batchQueued;

    public StreamOwnership(LiveStreams live, DeviceStreamRepository repository, ClusterBus bus,
                           Supervisor supervisor) {
        this.live = live;
        this.repository = repository;
        this.bus = bus;
        this.taker = supervisor.executor("vigil-stream-owner");
        bus.subscribe(StreamTaken.class, this::takenElsewhere);
        live.onAdded(this::opened);
    }

    private void opened(DeviceStream stream) {
        synchronized (waiting) {
            waiting.add(stream);
            if (batchQueued) {
                return;
            }
            batchQueued = true;
        }
        taker.execute(this::takeNextBatch);
    }

    private void takeNextBatch() {
        List<DeviceStream> batch = new ArrayList<>();
        synchronized (waiting) {
            while (!waiting.isEmpty() && batch.size() < TAKES_PER_TRANSACTION) {
                batch.add(waiting.poll());
            }
        }
        try {
            take(batch);
        } finally {
            synchronized (waiting) {
                batchQueued = !waiting.isEmpty() && taker.execute(this::takeNextBatch);
            }
        }
    }

    private void take(List<DeviceStream> batch) {
        // a device's later stream in the batch replaced its earlier one here already (LiveStreams)
        Map<String, DeviceStream> held = new LinkedHashMap<>();
        for (DeviceStream stream : batch) {
            if (live.holds(stream)) {
                held.put(stream.deviceId(), stream);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        Map<String, Long> generations = repository.takeAll(held.keySet(), bus.instanceId());
        held.forEach((deviceId, stream) -> {
            long generation = generations.get(deviceId);
            stream.generation(generation);
            if (newestElsewhere.getOrDefault(deviceId, 0L) > generation) {
                LOG.info("Device {} connected to another console instance meanwhile: ending its stream here",
                        deviceId);
                stream.end(Status.ABORTED.withDescription(LiveStreams.REPLACED));
                return;
            }
            bus.publish(new StreamTaken(deviceId, generation));
        });
    }

    private void takenElsewhere(StreamTaken taken) {
        newestElsewhere.merge(taken.deviceId(), taken.generation(), Math::max);
        live.endIfOlderThan(taken.deviceId(), taken.generation());
    }

    @Override
    public void close() {
        taker.close();
    }
}
