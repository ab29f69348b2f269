package org.vigil.agent.service;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.policy.LastKnownGood;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.spool.SpoolException;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Policy;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;
import org.vigil.wordlists.Matcher;

/**
 * The device half of the agent: the device's identity and enrolment, the spool, the one stream to the console, and
 * the policy it pushes (with its last-known-good copy). Takes events through {@link #events()} (spooled, then sent)
 * and gives the matcher in force through {@link #matchers()}; knows nothing else of the session half.
 */
public final class DeviceService implements AutoCloseable {
    /** Room left in a gRPC message around an event's own bytes. */
    private static final int SPOOL_HEADROOM = 64 * 1024;
    private static final Duration FIRST_ENROLMENT = Duration.ofSeconds(10);
    /** How long a stop waits for the console to end the stream after the agent's {@code Stopping}. */
    private static final Duration STREAM_END = Duration.ofSeconds(2);

    private final Optional<DeviceCredentials> stored;
    private final Enrolment enrolment;
    private final ManagedChannel channel;
    private final Spool spool;
    private final AgentPolicy policy;
    private final DeviceMonitoring monitoring;
    private final Delivery delivery;
    private final Supervisor supervisor;
    private Optional<SerialExecutor> enrolling = Optional.empty();

    private DeviceService(AgentConfig config, AgentInfo agent, CredentialStore store,
                          Optional<DeviceCredentials> stored, ManagedChannel channel, Spool spool, AgentPolicy policy,
                          Duration heartbeatEvery, Supervisor supervisor, Clock clock) {
        this.stored = stored;
        this.channel = channel;
        this.spool = spool;
        this.policy = policy;
        this.supervisor = supervisor;
        this.monitoring = new DeviceMonitoring(supervisor);
        this.enrolment = new Enrolment(channel, config.consoleAddress(), config.enrolmentToken().orElse(""), agent,
                store, Backoff.standard(), clock);
        this.delivery = new Delivery(channel, config.consoleAddress(), spool, agent, Backoff.standard(), clock,
                heartbeatEvery, policy, monitoring, supervisor);
    }

    /**
     * Makes the data dir (owner-only), loads the device's credentials and policy, opens the spool and the TLS
     * channel. Connects nothing yet.
     *
     * @param heartbeatEvery how often to tell the console this device is alive ({@link Delivery#HEARTBEAT})
     * @throws ConfigException naming the setting to fix, when the device cannot run as configured
     */
    public static DeviceService open(AgentConfig config, AgentInfo agent, Duration heartbeatEvery,
                                     Supervisor supervisor, Clock clock) throws ConfigException {
        Path dataDir = config.dataDir();
        createOwnerOnly(config, dataDir);
        CredentialStore store = new CredentialStore(dataDir);
        Optional<DeviceCredentials> credentials = store.load();
        if (credentials.isEmpty() && config.enrolmentToken().isEmpty()) {
            throw new ConfigException("missing setting " + ConfigLoader.ENROLMENT_TOKEN + " in " + config.source()
                    + " (or environment variable VIGIL_ENROLMENT_TOKEN): this device is not enrolled yet ("
                    + store.file() + " does not exist)");
        }
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));
        ManagedChannel channel;
        try {
            channel = ConsoleChannels.open(config.consoleAddress(), config.consoleCa());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("cannot set up TLS to the console at " + config.consoleAddress() + " (setting "
                    + ConfigLoader.CONSOLE_ADDRESS + " in " + config.source() + "): " + e.getMessage());
        }
        Spool spool;
        try {
            spool = Spool.open(dataDir, config.spoolMaxBytes(), WireNames.MAX_MESSAGE_BYTES - SPOOL_HEADROOM);
        } catch (SpoolException e) {
            channel.shutdownNow();
            throw new ConfigException(e.getMessage() + " (data dir " + dataDir + ")");
        }
        return new DeviceService(config, agent, store, credentials, channel, spool, policy, heartbeatEvery,
                supervisor, clock);
    }

    private static void createOwnerOnly(AgentConfig config, Path dataDir) throws ConfigException {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create the data dir " + dataDir + " (setting data.dir in "
                    + config.source() + " or --data): " + e);
        }
    }

    /** Where the session half hands finished events: each is on disk when this returns, then sent. */
    public Consumer<Event> events() {
        return delivery::submit;
    }

    /** The matcher of the policy in force now. */
    public Supplier<Matcher> matchers() {
        return policy;
    }

    /** The policy in force now, as the session helpers are sent it. */
    public Supplier<Policy> policy() {
        return policy::current;
    }

    /**
     * Connects to the console, enrolling first if needed: one attempt now, then in the background until it works.
     *
     * @param session asked for every Hello and Heartbeat whether the session is monitoring
     * @return the device id, if the device is enrolled by now
     */
    public synchronized Optional<String> start(SessionMonitoring session) {
        monitoring.ask(session);
        Optional<DeviceCredentials> credentials = stored.isPresent() ? stored : enrolment.tryOnce(FIRST_ENROLMENT);
        if (credentials.isPresent()) {
            delivery.start(credentials.get());
        } else {
            SerialExecutor executor = supervisor.executor("vigil-enrolment");
            executor.execute(() -> {
                try {
                    delivery.start(enrolment.enrol(true));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            enrolling = Optional.of(executor);
        }
        return credentials.map(DeviceCredentials::deviceId);
    }

    /** Stops as {@link #close(String)} does, saying only that the agent stopped. */
    @Override
    public void close() {
        close(Delivery.STOPPED);
    }

    /**
     * Stops enrolling and sending, telling the console first that this is a clean stop and why (so the device is
     * not reported silent); what is not yet acknowledged stays in the spool for the next start. Waits a moment for
     * the console to close the stream, so the message is not cut off in the socket.
     */
    public synchronized void close(String reason) {
        enrolling.ifPresent(SerialExecutor::close);
        delivery.close(reason);
        closeChannelAndSpool();
    }

    /** Stops without telling the console it is a clean stop: the process ends because something failed. */
    public synchronized void closeAfterFailure() {
        enrolling.ifPresent(SerialExecutor::close);
        delivery.closeAfterFailure();
        closeChannelAndSpool();
    }

    private void closeChannelAndSpool() {
        channel.shutdown();
        try {
            channel.awaitTermination(STREAM_END.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
        spool.close();
    }
}
