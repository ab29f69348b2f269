package org.vigil.console.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DeviceRepository;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * The device streams open now. Every {@code period} it asks the database which of their devices are revoked and
 * ends those streams with {@code UNAUTHENTICATED}: a revocation made anywhere (this console, or the CLI in
 * another process on the same database) reaches a live stream within one period.
 */
public final class LiveStreams implements AutoCloseable {
    static final String REVOKED = "this device has been revoked: enrol it again to resume monitoring";
    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    private final DeviceRepository devices;
    private final Map<String, Set<DeviceStream>> byDevice = new ConcurrentHashMap<>();
    private final SerialExecutor checker;

    public LiveStreams(DeviceRepository devices, Duration period, Supervisor supervisor) {
        this.devices = devices;
        this.checker = supervisor.executor("vigil-revocation-check");
        checker.scheduleWithFixedDelay(this::endRevoked, period, period);
    }

    void add(DeviceStream stream) {
        byDevice.computeIfAbsent(stream.deviceId(), id -> ConcurrentHashMap.newKeySet()).add(stream);
    }

    void remove(DeviceStream stream) {
        byDevice.computeIfPresent(stream.deviceId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** How many streams are open. */
    public int count() {
        return byDevice.values().stream().mapToInt(Set::size).sum();
    }

    /** Every open stream, at this moment. */
    Set<DeviceStream> streams() {
        Set<DeviceStream> all = new HashSet<>();
        byDevice.values().forEach(all::addAll);
        return all;
    }

    /** Ends at once every open stream of a device that has just been revoked. */
    public void revoked(String deviceId) {
        Set<DeviceStream> streams = byDevice.get(deviceId);
        if (streams != null) {
            streams.forEach(stream -> stream.refuse(REVOKED));
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
