package org.vigil.agent.session;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.local.LocalLink;
import org.vigil.agent.local.LocalMessageException;
import org.vigil.agent.local.LocalTransport;
import org.vigil.agent.policy.PolicyReceiver;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Goodbye;
import org.vigil.proto.v1.HelperHello;
import org.vigil.proto.v1.HelperMessage;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.ServiceMessage;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * The session helper's end of the local link (a Unix socket or a Windows named pipe, ADR 0117): connects to the
 * device service (again and again, with back-off, while it is down), applies the policy it pushes, sends each event
 * (kept in a small bounded queue until the service acknowledges it) and the session's monitoring (every
 * {@link #MONITORING_EVERY}, and at once when {@link #monitoringChanged()} says it may have changed), and says
 * goodbye on a clean stop, so the service does not report the helper's going as tamper. Between those it sleeps.
 */
public final class LocalSessionClient implements Consumer<Event>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSessionClient.class);
    static final Duration MONITORING_EVERY = Duration.ofSeconds(10);
    static final int MAX_PENDING_EVENTS = 64;
    static final long MAX_PENDING_BYTES = 16L * 1024 * 1024;
    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(2);

    private final LocalTransport transport;
    private final HelperHello hello;
    private final PolicyReceiver policy;
    private final Backoff backoff;
    private final Supervisor supervisor;
    private final Clock clock;
    private final PendingEvents pending = new PendingEvents(MAX_PENDING_EVENTS, MAX_PENDING_BYTES);
    private final CountDownLatch signedOff = new CountDownLatch(1);
    private final CompletableFuture<HelperSettings> settings = new CompletableFuture<>();
    private final CompletableFuture<SignInNotice> firstNotice = new CompletableFuture<>();
    private final AtomicReference<SignInNotice> notice = new AtomicReference<>();
    /** Showings of the sign-in notice to tell the service: sent when connected. */
    private final Queue<NoticeShown> noticesShown = new ConcurrentLinkedQueue<>();
    private volatile Consumer<SignInNotice> noticeChanged = notice -> { };
    /** The link to the service while connected, to wake its wait when something is queued. */
    private volatile LocalLink link;
    private volatile Supplier<Monitoring> monitoring = Monitoring::getDefaultInstance;
    private volatile boolean stopping;
    private volatile boolean connected;
    private SupervisedThread thread;

    /**
     * @param hello   what the helper says of itself (its policy version is filled in on each connect)
     * @param policy  where the service's policy goes, and which version the helper runs
     * @param backoff the delays between attempts to reach the service
     */
    public LocalSessionClient(LocalTransport transport, HelperHello hello, PolicyReceiver policy, Backoff backoff,
                              Supervisor supervisor, Clock clock) {
        this.transport = transport;
        this.hello = hello;
        this.policy = policy;
        this.backoff = backoff;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    /** Starts connecting; {@code session} is asked whether the session is monitoring. */
    public synchronized void start(Supplier<Monitoring> session) {
        this.monitoring = session;
        thread = supervisor.thread("vigil-session-link", this::run);
    }

    /** Hands an event to the service: at once if connected, else when it is back (the oldest go if too many wait). */
    @Override
    public void accept(Event event) {
        pending.add(event);
        wakeup();
    }

    /**
     * The settings the service sent first, waiting up to {@code wait} for them; empty if it has not been reached.
     */
    public Optional<HelperSettings> settings(Duration wait) throws InterruptedException {
        try {
            return Optional.of(settings.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sign-in notice the service sent first (ADR 0113), waiting up to {@code wait} for it; empty if it has not
     * been reached.
     */
    public Optional<SignInNotice> notice(Duration wait) throws InterruptedException {
        try {
            return Optional.of(firstNotice.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sign-in notice the service sent last, if any: it changes when the school changes it. */
    public Optional<SignInNotice> latestNotice() {
        return Optional.ofNullable(notice.get());
    }

    /** Runs on the link's thread for each notice the service sends after the first (the school changed it). */
    public void onNoticeChanged(Consumer<SignInNotice> listener) {
        this.noticeChanged = listener;
    }

    /** Tells the service the notice was shown (the service names the user): now if connected, else once it is. */
    public void noticeShown(NoticeShown shown) {
        noticesShown.add(shown);
        wakeup();
    }

    /** The session's monitoring may have changed (the hook was registered): it is sent now if it has. */
    public void monitoringChanged() {
        wakeup();
    }

    private void wakeup() {
        LocalLink current = link;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Whether the service is connected now. */
    public boolean connected() {
        return connected;
    }

    /** Events waiting for the service's ack. */
    public int waiting() {
        return pending.size();
    }

    private void run() throws InterruptedException {
        boolean told = false;
        while (!stopping) {
            LocalLink connection;
            try {
                connection = transport.connect();
            } catch (IOException e) {
                if (!told) {
                    log.warn("cannot reach the device service at {} ({}); trying again, hits wait meanwhile",
                            transport.describe(), e.toString());
                    told = true;
                }
                Thread.sleep(backoff.next().toMillis());
                continue;
            }
            told = false;
            link = connection;
            try (connection) {
                converse(connection);
            } catch (IOException | LocalMessageException e) {
                connected = false;
                if (!stopping) {
                    log.warn("lost the device service at {} ({}); reconnecting", transport.describe(), e.toString());
                    Thread.sleep(backoff.next().toMillis());
                }
            } finally {
                connected = false;
                link = null;
            }
        }
        signedOff.countDown();
        // signed off: the link stays down until the process closes it
        new CountDownLatch(1).await();
    }

    private void converse(LocalLink channel) throws IOException, LocalMessageException, InterruptedException {
        try {
            channel.send(HelperMessage.newBuilder().setHello(hello.toBuilder()
                    .setPolicyVersion(policy.runningVersion())).build());
            pending.reconnected();
            connected = true;
            log.info("connected to the device service at {}", transport.describe());
            Monitoring lastSent = null;
            Instant lastSentAt = Instant.MIN;
            while (true) {
                if (stopping) {
                    sendRest(channel);
                    channel.send(HelperMessage.newBuilder().setGoodbye(Goodbye.newBuilder()
                            .setReason("session ended")).build());
                    flushWithin(channel, GOODBYE_WAIT);
                    return;
                }
                Monitoring now = monitoring.get();
                if (lastSent == null || changed(lastSent, now)
                        || !clock.instant().isBefore(lastSentAt.plus(MONITORING_EVERY))) {
                    channel.send(HelperMessage.newBuilder().setMonitoring(now).build());
                    lastSent = now;
                    lastSentAt = clock.instant();
                }
                sendRest(channel);
                channel.flush();
                // asleep until the next report is due: events, notices, a stop and monitoringChanged() wake it
                // sooner; each wake-up is CPU an idle laptop pays for (bench/README.md, "Agent footprint")
                channel.await(Duration.ofMillis(Math.max(1,
                        Duration.between(clock.instant(), lastSentAt.plus(MONITORING_EVERY)).toMillis())));
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopping");
                }
                List<byte[]> frames = channel.read();
                for (byte[] frame : frames) {
                    received(ServiceMessage.parseFrom(frame));
                }
                if (!frames.isEmpty()) {
                    backoff.reset();
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new LocalMessageException("a malformed message from the device service: " + e.getMessage());
        }
    }

    private void sendRest(LocalLink channel) {
        for (Event event : pending.unsent()) {
            channel.send(HelperMessage.newBuilder().setEvent(event).build());
        }
        for (NoticeShown shown = noticesShown.poll(); shown != null; shown = noticesShown.poll()) {
            channel.send(HelperMessage.newBuilder().setNoticeShown(shown).build());
        }
    }

    private static void flushWithin(LocalLink channel, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!channel.flush() && System.nanoTime() < deadline) {
            channel.await(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        }
    }

    /** Whether the report says something new; the time of the last signal alone is sent only periodically. */
    private static boolean changed(Monitoring before, Monitoring now) {
        return before.getHookRegistered() != now.getHookRegistered()
                || !before.getDeadWorkersList().equals(now.getDeadWorkersList());
    }

    private void received(ServiceMessage message) {
        switch (message.getBodyCase()) {
            case POLICY -> policy.received(message.getPolicy().getVersion(),
                    message.getPolicy().getWordlist().toByteArray());
            case SETTINGS -> settings.complete(message.getSettings());
            case NOTICE -> {
                SignInNotice before = notice.getAndSet(message.getNotice());
                if (!firstNotice.complete(message.getNotice()) && !message.getNotice().equals(before)) {
                    noticeChanged.accept(message.getNotice());
                }
            }
            case ACK -> pending.acknowledged(message.getAck().getEventId());
            default -> log.debug("ignored a message of no known kind from the device service");
        }
    }

    /**
     * Sends what waits and a goodbye if the service is connected (waiting up to two seconds), then stops. Events
     * still unsent are lost with the process, and counted in the log.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        wakeup();
        if (thread == null) {
            return;
        }
        try {
            // with no service to say goodbye to, there is nothing to wait for
            if (connected) {
                signedOff.await(GOODBYE_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.close(GOODBYE_WAIT);
        thread = null;
        int left = pending.size();
        if (left > 0) {
            log.warn("stopped with {} events the device service has not acknowledged", left);
        }
    }
}
