package org.vigil.agent.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.local.LocalTransport;
import org.vigil.agent.local.NamedPipeTransport;
import org.vigil.agent.local.UnixSocketTransport;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.runtime.Supervisor;

/**
 * The device service as one process runs it, however it was started (systemd, launchd, the Windows service
 * manager): the {@link DeviceService} fed by session helpers through a {@link LocalSessionServer} (Unix socket) or a
 * {@link PipeSessionServer} (Windows named pipe). Started once;
 * stopped once, cleanly or after a failure, whichever comes first.
 */
public final class ServiceHalf {
    private final DeviceService device;
    private final HelperServer server;
    private final Optional<String> deviceId;
    private boolean stopped;

    private ServiceHalf(DeviceService device, HelperServer server, Optional<String> deviceId) {
        this.device = device;
        this.server = server;
        this.deviceId = deviceId;
    }

    /**
     * Opens the device (data dir, spool, identity), listens for helpers on {@code transport}, then starts enrolling
     * and streaming to the console in the background.
     *
     * @throws ConfigException naming what to fix, with nothing left running
     */
    public static ServiceHalf start(AgentConfig config, AgentInfo agent, LocalTransport transport,
                                    Duration heartbeatEvery, Supervisor supervisor, Clock clock)
            throws ConfigException {
        DeviceService device = DeviceService.open(config, agent, heartbeatEvery, supervisor, clock);
        SessionHelpers helpers = new SessionHelpers();
        HelperConversations conversations = new HelperConversations(device.events(), device.policy(),
                HelperSettings.newBuilder().setContextChars(config.contextChars())
                        .addAllExcludedApps(config.excludedApps()).build(),
                device.notice(), device.noticesShown(), helpers, clock);
        HelperServer server = transport instanceof NamedPipeTransport pipe
                ? new PipeSessionServer(pipe, conversations, supervisor)
                : new LocalSessionServer((UnixSocketTransport) transport, conversations, supervisor);
        device.onHandOverChange(server::handOverChanged);
        try {
            server.start();
        } catch (IOException e) {
            device.close();
            throw new ConfigException("cannot listen for session helpers on " + transport.describe() + " (--socket"
                    + " or setting " + ConfigLoader.SESSION_SOCKET + " in " + config.source() + "): " + e);
        }
        return new ServiceHalf(device, server, device.start(helpers));
    }

    /** The device's id, if it was enrolled when it started (else it is enrolling in the background). */
    public Optional<String> deviceId() {
        return deviceId;
    }

    /** Stops serving helpers and tells the console the device is stopping, with {@code reason}. */
    public synchronized void stop(String reason) {
        if (!stopped) {
            stopped = true;
            server.close();
            device.close(reason);
        }
    }

    /** Stops serving helpers and the console link without a goodbye: the console sees the device go silent. */
    public synchronized void stopAfterFailure() {
        if (!stopped) {
            stopped = true;
            server.close();
            device.closeAfterFailure();
        }
    }
}
