package org.vigil.console.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.DeviceRepository;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Records heartbeats in batches: every {@code period}, the latest report of each device that sent one goes to the
 * database in one transaction. Two thousand agents that all switch policy at once then cost one commit, not two
 * thousand synced ones, and the console knows within a period what they run. A device found revoked meanwhile has
 * its streams ended. Hellos are recorded the same way (issue 13: each used to be a synced write of its own, so a
 * device opening thousands of streams held the write lock away from capture batches). A write that
 * fails loses that period's reports (the next heartbeats bring them again), is logged and counted in the
 * supervisor's health, and the next period writes as usual. A clean stop ({@link #stopping}) is written in order
 * with the reports.
 */
public final class HeartbeatRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatRecorder.class);

    private final DeviceRepository devices;
    private final LiveStreams live;
    private final Map<String, DeviceReport> pending = new HashMap<>();
    private final SerialExecutor writer;

    public HeartbeatRecorder(DeviceRepository devices, LiveStreams live, Duration period, Supervisor supervisor) {
        this.devices = devices;
        this.live = live;
        this.writer = supervisor.executor("vigil-heartbeats");
        writer.scheduleWithFixedDelay(this::flush, period, period);
    }

    /** Queues a device's report; a later one from the same device before the next write replaces it. */
    void record(String deviceId, DeviceReport report) {
        synchronized (pending) {
            pending.merge(deviceId, report, HeartbeatRecorder::later);
        }
    }

    /**
     * Records that the device is stopping on purpose, after every report it sent before (written first, on the same
     * thread), so an earlier heartbeat written late cannot undo it; a later one does, as it should.
     */
    void stopping(String deviceId, String reason) {
        writer.execute(() -> {
            flush();
            if (!devices.recordStop(deviceId, reason)) {
                live.revoked(deviceId);
            }
        });
    }

    private static DeviceReport later(DeviceReport earlier, DeviceReport later) {
        return new DeviceReport(either(later.agentVersion(), earlier.agentVersion()), either(later.os(), earlier.os()),
                either(later.osUser(), earlier.osUser()), later.spoolDepth(), later.screenshotsDropped(),
                later.eventsDropped(), either(later.policyVersion(), earlier.policyVersion()),
                later.monitoring().or(earlier::monitoring));
    }

    private static String either(String later, String earlier) {
        return later.isEmpty() ? earlier : later;
    }

    private void flush() {
        Map<String, DeviceReport> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new HashMap<>(pending);
            pending.clear();
        }
        Set<String> refused = devices.recordReports(batch);
        for (String deviceId : refused) {
            LOG.info("Device {} is revoked: ending its stream", deviceId);
            live.revoked(deviceId);
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        writer.close(Duration.ofSeconds(5));
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("cannot record the last heartbeats before stopping: {}", e.toString());
        }
    }
}
