package org.vigil.console.ingest;

import io.grpc.Status;
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
 * so the newer connection wins wherever it landed. The take is written on a thread of its own, never on the stream's
 * (issue 13: a stream's thread does not wait for the database). Only made for a clustered bus (PostgreSQL).
 */
public final class StreamOwnership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamOwnership.class);

    private final LiveStreams live;
    private final DeviceStreamRepository repository;
    private final ClusterBus bus;
    private final SerialExecutor taker;
    /** The newest generation other instances announced per device: a take here that lost the race ends itself. */
    private final Map<String, Long> newestElsewhere = new ConcurrentHashMap<>();

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
        taker.execute(() -> {
            long generation = repository.take(stream.deviceId(), bus.instanceId());
            stream.generation(generation);
            if (newestElsewhere.getOrDefault(stream.deviceId(), 0L) > generation) {
                LOG.info("Device {} connected to another console instance meanwhile: ending its stream here",
                        stream.deviceId());
                stream.end(Status.ABORTED.withDescription(LiveStreams.REPLACED));
                return;
            }
            bus.publish(new StreamTaken(stream.deviceId(), generation));
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
