package org.vigil.console.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DeviceRepository;

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
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigil-revocation-check");
        thread.setDaemon(true);
        return thread;
    });

    public LiveStreams(DeviceRepository devices, Duration period) {
        this.devices = devices;
        checker.scheduleWithFixedDelay(this::endRevoked, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
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

    private void endRevoked() {
        try {
            for (String deviceId : devices.revokedAmong(Set.copyOf(byDevice.keySet()))) {
                LOG.info("Device {} is revoked: ending its stream", deviceId);
                revoked(deviceId);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot check for revoked devices: {}", e.toString());
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
