package org.vigil.console.ingest;

import io.grpc.Status;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DeviceRepository;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * The device streams open now: at most one per device (a newer stream replaces the older, which is ended with
 * {@code ABORTED}: an agent reconnecting after a network cut leaves a half-open one behind, and a copied device
 * secret cannot open thousands, issue 13) and at most {@code maxStreams} in all. Every {@code period} it asks the
 * database which of their devices are revoked and ends those streams with {@code UNAUTHENTICATED}: a revocation
 * made anywhere (this console, or the CLI in another process on the same database) reaches a live stream within
 * one period.
 */
public final class LiveStreams implements AutoCloseable {
    static final String REVOKED = "this device has been revoked: enrol it again to resume monitoring";
    static final String REPLACED = "replaced by a newer stream from this device";
    /** Far above a school's devices, far below what exhausts the console (a trust has more consoles). */
    public static final int DEFAULT_MAX_STREAMS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    private final DeviceRepository devices;
    private final Map<String, DeviceStream> byDevice = new ConcurrentHashMap<>();
    private final SerialExecutor checker;
    private final int maxStreams;
    private final List<Consumer<DeviceStream>> addedListeners = new CopyOnWriteArrayList<>();

    public LiveStreams(DeviceRepository devices, Duration period, Supervisor supervisor) {
        this(devices, period, DEFAULT_MAX_STREAMS, supervisor);
    }

    public LiveStreams(DeviceRepository devices, Duration period, int maxStreams, Supervisor supervisor) {
        this.devices = devices;
        this.maxStreams = maxStreams;
        this.checker = supervisor.executor("vigil-revocation-check");
        checker.scheduleWithFixedDelay(this::endRevoked, period, period);
    }

    /**
     * Makes the stream its device's live one, ending the one it replaces.
     *
     * @return false, with nothing changed, if the console already serves its maximum of streams from other devices
     */
    boolean add(DeviceStream stream) {
        DeviceStream[] replaced = new DeviceStream[1];
        boolean[] full = new boolean[1];
        byDevice.compute(stream.deviceId(), (id, old) -> {
            if (old == null && byDevice.size() >= maxStreams) {
                full[0] = true;
                return null;
            }
            replaced[0] = old;
            return stream;
        });
        if (replaced[0] != null && replaced[0] != stream) {
            replaced[0].end(Status.ABORTED.withDescription(REPLACED));
        }
        if (!full[0]) {
            addedListeners.forEach(listener -> listener.accept(stream));
        }
        return !full[0];
    }

    /** Runs the action for each stream made its device's live one (the cluster's stream ownership, ADR 0173). */
    void onAdded(Consumer<DeviceStream> action) {
        addedListeners.add(action);
    }

    /**
     * Ends the device's stream here if another instance took the device's stream after it: its generation is known
     * and lower than {@code generation} (ADR 0173).
     */
    void endIfOlderThan(String deviceId, long generation) {
        DeviceStream stream = byDevice.get(deviceId);
        if (stream != null && stream.generation() != 0 && stream.generation() < generation) {
            LOG.info("Device {} connected to another console instance: ending its stream here", deviceId);
            stream.end(Status.ABORTED.withDescription(REPLACED));
        }
    }

    /** Whether the stream is its device's live one here (not ended, not replaced). */
    boolean holds(DeviceStream stream) {
        return byDevice.get(stream.deviceId()) == stream;
    }

    /** Forgets the stream, if it is still its device's live one. */
    void remove(DeviceStream stream) {
        byDevice.remove(stream.deviceId(), stream);
    }

    /** How many streams are open. */
    public int count() {
        return byDevice.size();
    }

    /** Every open stream, at this moment. */
    Set<DeviceStream> streams() {
        return new HashSet<>(byDevice.values());
    }

    /** Ends at once the open stream of a device that has just been revoked. */
    public void revoked(String deviceId) {
        DeviceStream stream = byDevice.get(deviceId);
        if (stream != null) {
            stream.refuse(REVOKED);
        }
    }

    /** A check that fails is logged and counted by the executor; the next one runs on time. */
    private void endRevoked() {
        for (String deviceId : devices.revokedAmong(Set.copyOf(byDevice.keySet()))) {
            LOG.info("Device {} is revoked: ending its stream", deviceId);
            revoked(deviceId);
        }
    }

    @Override
    public void close() {
        checker.close();
    }
}
