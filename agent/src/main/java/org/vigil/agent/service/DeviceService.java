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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.config.TokenFileCheck;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.enrolment.StoredIdentity;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.policy.LastKnownGood;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.spool.SpoolException;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;
import org.vigil.wordlists.Matcher;

/**
 * The device half of the agent: the device's identity and enrolment, the spool, the one stream to the console, and
 * the policy it pushes (with its last-known-good copy). Takes events through {@link #events()} (spooled, then sent)
 * and gives the matcher in force through {@link #matchers()}; knows nothing else of the session half.
 *
 * <p>The identity is bound to the console it enrolled with (its CA fingerprint). When the config names another
 * console CA (a re-home), or the console refuses the identity as unknown or revoked, the device enrols again with
 * the config's token and delivers its spool with the new identity; without a token it says so once and keeps the
 * spool (docs/adr/0112-agent-identity-bound-to-its-console.md).
 */
public final class DeviceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);
    /** Room left in a gRPC message around an event's own bytes. */
    private static final int SPOOL_HEADROOM = 64 * 1024;
    private static final Duration FIRST_ENROLMENT = Duration.ofSeconds(10);
    /** How long a stop waits for the console to end the stream after the agent's {@code Stopping}. */
    private static final Duration STREAM_END = Duration.ofSeconds(2);

    private final AgentConfig config;
    private final AtomicReference<Optional<StoredIdentity>> identity;
    /** The device id whose refusal without a token has been logged; later refusals of it stay quiet. */
    private final AtomicReference<String> refusalSaidFor = new AtomicReference<>("");
    private final Enrolment enrolment;
    private final ManagedChannel channel;
    private final Spool spool;
    private final AgentPolicy policy;
    private final DeviceMonitoring monitoring;
    private final Delivery delivery;
    private final NoticeInForce notice;
    private final Supervisor supervisor;
    /** Guards the enrolment executor; not the service's monitor, which close() holds while delivery stops. */
    private final Object enrollingLock = new Object();
    private Optional<SerialExecutor> enrolling = Optional.empty();
    private boolean closed;

    private DeviceService(AgentConfig config, AgentInfo agent, CredentialStore store,
                          Optional<StoredIdentity> stored, ManagedChannel channel, Spool spool, AgentPolicy policy,
                          Duration heartbeatEvery, Supervisor supervisor, Clock clock, Supplier<Backoff> backoffs) {
        this.config = config;
        this.identity = new AtomicReference<>(stored);
        this.channel = channel;
        this.spool = spool;
        this.policy = policy;
        this.supervisor = supervisor;
        this.monitoring = new DeviceMonitoring(supervisor);
        this.enrolment = new Enrolment(channel, config.consoleAddress(), config.consoleCa(),
                config.enrolmentToken().orElse(""), config.source(), agent, store, backoffs.get(), clock);
        this.delivery = new Delivery(channel, config.consoleAddress(), spool, agent, backoffs.get(), clock,
                heartbeatEvery, policy, monitoring, supervisor, this::refused);
        this.notice = NoticeInForce.load(config.dataDir());
        this.delivery.onNotice(notice);
    }

    /** As {@link #open(AgentConfig, AgentInfo, Duration, Supervisor, Clock, Supplier)} with the standard back-off. */
    public static DeviceService open(AgentConfig config, AgentInfo agent, Duration heartbeatEvery,
                                     Supervisor supervisor, Clock clock) throws ConfigException {
        return open(config, agent, heartbeatEvery, supervisor, clock, Backoff::standard);
    }

    /**
     * Makes the data dir and its files owner-only, loads the device's identity and policy, opens the spool and
     * the TLS channel. Connects nothing yet.
     *
     * @param heartbeatEvery how often to tell the console this device is alive ({@link Delivery#HEARTBEAT})
     * @param backoffs       makes the back-off of enrolment retries and of reconnects
     * @throws ConfigException naming the setting to fix, when the device cannot run as configured
     */
    public static DeviceService open(AgentConfig config, AgentInfo agent, Duration heartbeatEvery,
                                     Supervisor supervisor, Clock clock, Supplier<Backoff> backoffs)
            throws ConfigException {
        Path dataDir = config.dataDir();
        createOwnerOnly(config, dataDir);
        TokenFileCheck.warning(Path.of(config.source())).ifPresent(log::warn);
        CredentialStore store = new CredentialStore(dataDir);
        Optional<StoredIdentity> stored = store.load();
        if (stored.isEmpty() && config.enrolmentToken().isEmpty()) {
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
        return new DeviceService(config, agent, store, stored, channel, spool, policy, heartbeatEvery,
                supervisor, clock, backoffs);
    }

    private static void createOwnerOnly(AgentConfig config, Path dataDir) throws ConfigException {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
            OwnerOnly.apply(dataDir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data dir " + dataDir + " owner-only (setting data.dir in "
                    + config.source() + " or --data): " + e.getMessage());
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

    /** {@code listener} runs each time the policy or the sign-in notice the helpers are handed changes. */
    public void onHandOverChange(Runnable listener) {
        policy.onChange(listener);
        notice.onChange(listener);
    }

    /** The sign-in notice the session helpers show now (ADR 0113). */
    public Supplier<SignInNotice> notice() {
        return notice;
    }

    /** Where the helpers' showings of the notice go, each with the OS user the socket named: to the console. */
    public Consumer<NoticeShown> noticesShown() {
        return delivery::report;
    }

    /**
     * Connects to the console, enrolling first if needed (never enrolled, or enrolled with another console): one
     * attempt now, then in the background until it works.
     *
     * @param session asked for every Hello and Heartbeat whether the session is monitoring
     * @return the device id, if the device is enrolled with this console by now
     */
    public synchronized Optional<String> start(SessionMonitoring session) {
        monitoring.ask(session);
        Optional<StoredIdentity> stored = identity.get();
        if (stored.isPresent() && stored.get().boundTo(config.consoleCa())) {
            connect(stored.get());
            return Optional.of(stored.get().deviceId());
        }
        if (stored.isPresent()) {
            String rehome = "the config " + config.source() + " names the console CA " + config.consoleCa()
                    + ", but this device (" + stored.get().deviceId() + ") enrolled with the console whose CA is "
                    + stored.get().consoleCa().map(Object::toString).orElse("?");
            if (config.enrolmentToken().isEmpty()) {
                log.error("{}; there is no {} in the config to enrol with the new console. Captures stay in the "
                        + "spool ({} waiting) and go nowhere until a token from the new console is added there "
                        + "(vigil-console agent-config) and the agent restarted", rehome,
                        ConfigLoader.ENROLMENT_TOKEN, spool.depth());
                return Optional.empty();
            }
            log.warn("{}: moving to the new console, enrolling with the token in the config; the {} captures "
                    + "waiting will go there", rehome, spool.depth());
        }
        Optional<StoredIdentity> enrolled = enrolment.tryOnce(FIRST_ENROLMENT, stored);
        if (enrolled.isPresent()) {
            connect(enrolled.get());
        } else {
            enrolInBackground(stored);
        }
        return enrolled.map(StoredIdentity::deviceId);
    }

    private void connect(StoredIdentity current) {
        identity.set(Optional.of(current));
        delivery.start(current.credentials(), current.replaces().orElse(""));
    }

    /**
     * On delivery's thread, at each refusal of the identity (the console does not know the device, or revoked it):
     * enrols again if the config has a token, else says once what to do and lets delivery retry.
     */
    private boolean refused(DeviceCredentials credentials, String reason) {
        Optional<StoredIdentity> current = identity.get()
                .filter(stored -> stored.deviceId().equals(credentials.deviceId()));
        if (current.isEmpty()) {
            return false; // credentials already replaced: their stream's last word
        }
        if (config.enrolmentToken().isEmpty()) {
            if (!credentials.deviceId().equals(refusalSaidFor.getAndSet(credentials.deviceId()))) {
                log.error("the console at {} refused device {} ({}): it does not know it or revoked it, and there is "
                        + "no {} in {} to enrol again. Captures stay in the spool ({} waiting); to resume, put a "
                        + "token from the console (vigil-console tokens create) there and restart the agent",
                        config.consoleAddress(), credentials.deviceId(), reason, ConfigLoader.ENROLMENT_TOKEN,
                        config.source(), spool.depth());
            }
            return false;
        }
        log.warn("the console at {} refused device {} ({}): enrolling again with the token in {}; the {} captures "
                + "waiting will be delivered as the new device", config.consoleAddress(), credentials.deviceId(),
                reason, config.source(), spool.depth());
        return enrolInBackground(current);
    }

    private boolean enrolInBackground(Optional<StoredIdentity> replacing) {
        synchronized (enrollingLock) {
            if (closed) {
                return false;
            }
            SerialExecutor executor = enrolling.orElseGet(() -> supervisor.executor("vigil-enrolment"));
            enrolling = Optional.of(executor);
            return executor.execute(() -> {
                try {
                    connect(enrolment.enrol(true, replacing));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private void stopEnrolling() {
        synchronized (enrollingLock) {
            closed = true;
            enrolling.ifPresent(SerialExecutor::close);
        }
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
        stopEnrolling();
        delivery.close(reason);
        closeChannelAndSpool();
    }

    /** Stops without telling the console it is a clean stop: the process ends because something failed. */
    public synchronized void closeAfterFailure() {
        stopEnrolling();
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
