package org.vigil.agent.delivery;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.policy.PolicyReceiver;
import org.vigil.agent.spool.DropCounts;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.spool.SpoolException;
import org.vigil.agent.spool.SpooledEvent;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Reject;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.proto.v1.SpoolDrops;
import org.vigil.proto.v1.Stopping;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Sends events to the console over one long-lived {@code Connect} stream: {@code Hello} first, then the spool's
 * events oldest first, then new events as they are spooled. An event leaves the {@link Spool} only when the
 * console's {@code Ack} arrives, or its {@code Reject} (the console will never store it); after a reconnect every
 * event still in the spool is sent again (at least once; the console stores idempotently).
 *
 * <p>Flow control: at most {@link #WINDOW} events and {@link #WINDOW_BYTES} are in flight (sent, not yet
 * acknowledged), read from the spool in small batches, and only while the transport says it is ready; so a
 * backlog of any size costs a window's worth of heap. When the stream fails it logs why and reconnects with jittered exponential back-off.
 *
 * <p>Every {@code Hello} and {@code Heartbeat} says whether this device is monitoring ({@link Monitoring}: the
 * keyboard hook, the last signal handled, dead workers), so a device that keeps connecting while it hears nothing
 * does not look healthy.
 *
 * <p>Everything touching the stream runs on one supervised thread ({@code vigil-delivery}), as a gRPC stream is
 * not thread-safe; a task that fails there is logged and counted, and the next ones still run. Events submitted
 * before {@link #start} wait in the spool.
 */
public final class Delivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** The reason a {@code Stopping} gives when the caller names none. */
    public static final String STOPPED = "agent stopped";
    /** A stream that lived this long before failing counts as healthy: back-off starts again from 1 s. */
    static final Duration HEALTHY = Duration.ofSeconds(30);
    /** Events sent and not yet acknowledged, at most... */
    static final int WINDOW = 64;
    /** ...and at most this many bytes of them (screenshots), so the window fits an agent on -Xmx64m. */
    static final long WINDOW_BYTES = 4L * 1024 * 1024;
    /** Events read from the spool at a time. */
    static final int BATCH = 16;
    /** Showings of the sign-in notice kept while the console is out of reach; the oldest go first. */
    static final int MAX_NOTICE_REPORTS = 32;

    private final Channel channel;
    private final PolicyReceiver policy;
    private final Supplier<Monitoring> monitoring;
    private final String address;
    private final Spool spool;
    private final AgentInfo agent;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration heartbeatEvery;
    private final SerialExecutor executor;
    private final CredentialsRefused onRefused;
    private final AtomicBoolean heartbeating = new AtomicBoolean();
    private volatile Consumer<SignInNotice> notices = notice -> { };
    /** Showings of the sign-in notice not yet sent: kept in memory only, at most {@link #MAX_NOTICE_REPORTS}. */
    private final ArrayDeque<NoticeShown> noticeReports = new ArrayDeque<>();

    // touched only on the executor thread
    private DeviceCredentials credentials;
    private String replacesDeviceId = "";
    private ClientCallStreamObserver<AgentMessage> stream;
    private int generation;
    private Instant streamOpenedAt;
    private long sentUpTo;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private long inFlightBytes;
    private boolean closed;

    /**
     * @param policy     takes pushed policy and names the running version
     * @param monitoring whether this device is monitoring now, asked for each Hello and Heartbeat
     * @param supervisor makes the {@code vigil-delivery} thread
     */
    public Delivery(Channel channel, String address, Spool spool, AgentInfo agent, Backoff backoff, Clock clock,
                    Duration heartbeatEvery, PolicyReceiver policy, Supplier<Monitoring> monitoring,
                    Supervisor supervisor) {
        this(channel, address, spool, agent, backoff, clock, heartbeatEvery, policy, monitoring, supervisor,
                new KeepTrying());
    }

    /** @param onRefused decides (and says) what to do when the console refuses the device's credentials */
    public Delivery(Channel channel, String address, Spool spool, AgentInfo agent, Backoff backoff, Clock clock,
                    Duration heartbeatEvery, PolicyReceiver policy, Supplier<Monitoring> monitoring,
                    Supervisor supervisor, CredentialsRefused onRefused) {
        this.onRefused = onRefused;
        this.policy = policy;
        this.monitoring = monitoring;
        this.channel = channel;
        this.address = address;
        this.spool = spool;
        this.agent = agent;
        this.backoff = backoff;
        this.clock = clock;
        this.heartbeatEvery = heartbeatEvery;
        this.executor = supervisor.executor("vigil-delivery");
    }

    /** Where the sign-in notices the console sends go (ADR 0113); call before {@link #start}. */
    public void onNotice(Consumer<SignInNotice> receiver) {
        this.notices = receiver;
    }

    /**
     * Tells the console the sign-in notice was shown: at once if connected, else after the next Hello. Kept in
     * memory only (a record for the school, not a capture): a service killed before it is sent loses it. Any thread.
     */
    public void report(NoticeShown shown) {
        onExecutor(() -> {
            if (noticeReports.size() >= MAX_NOTICE_REPORTS) {
                noticeReports.removeFirst();
            }
            noticeReports.addLast(shown);
            sendNoticeReports();
        });
    }

    private void sendNoticeReports() {
        while (stream != null && !noticeReports.isEmpty()) {
            try {
                stream.onNext(AgentMessage.newBuilder().setNoticeShown(noticeReports.peekFirst()).build());
                noticeReports.removeFirst();
            } catch (RuntimeException e) {
                log.debug("sign-in notice report not sent: {}", e.toString());
                return;
            }
        }
    }

    /** Connects with these credentials and keeps connected until {@link #close}. */
    public void start(DeviceCredentials deviceCredentials) {
        start(deviceCredentials, "");
    }

    /**
     * Connects with these credentials and keeps connected until {@link #close}; called again with new credentials
     * after the console refused the old ones, it connects with the new ones and sends every spooled event again.
     *
     * @param replaces the device id these credentials replaced, told to the console in every Hello; "" if none
     */
    public void start(DeviceCredentials deviceCredentials, String replaces) {
        executor.execute(() -> {
            credentials = deviceCredentials;
            replacesDeviceId = replaces;
            connect();
        });
        if (heartbeating.compareAndSet(false, true)) {
            executor.scheduleWithFixedDelay(this::heartbeat, heartbeatEvery, heartbeatEvery);
        }
    }

    /**
     * Writes the event to the spool (durable when this returns), then sends it when the stream has room.
     * Any thread.
     */
    public void submit(Event event) {
        try {
            spool.append(event);
        } catch (SpoolException e) {
            log.error("capture {} could not be spooled and is lost: {}", event.getEventId(), e.getMessage());
            return;
        }
        onExecutor(this::fill);
    }

    /** Stops as {@link #close(String)} does, saying only that the agent stopped. */
    @Override
    public void close() {
        close(STOPPED);
    }

    /**
     * Tells the console this device is stopping on purpose ({@code Stopping} with the reason, cut to
     * {@link WireNames#MAX_STOP_REASON_CHARS}), so it shows as stopped cleanly rather than silent, then ends the
     * stream. What is not acknowledged stays in the spool.
     */
    public void close(String reason) {
        stop(Optional.of(reason.length() <= WireNames.MAX_STOP_REASON_CHARS ? reason
                : reason.substring(0, WireNames.MAX_STOP_REASON_CHARS)));
    }

    /**
     * Ends the stream without a {@code Stopping}: the process is going down because something failed, so the
     * console should see the device go silent (and tell IT) unless it comes back.
     */
    public void closeAfterFailure() {
        stop(Optional.empty());
    }

    private void stop(Optional<String> stopping) {
        try {
            executor.submit(() -> {
                closed = true;
                if (stream != null) {
                    try {
                        if (stopping.isPresent()) {
                            stream.onNext(AgentMessage.newBuilder()
                                    .setStopping(Stopping.newBuilder().setReason(stopping.get())).build());
                        }
                        stream.onCompleted();
                    } catch (RuntimeException e) {
                        log.debug("closing the stream: {}", e.toString());
                    }
                    stream = null;
                }
                return null;
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("closing delivery: {}", e.toString());
        }
        executor.close();
    }

    private void connect() {
        if (closed) {
            return;
        }
        int current = ++generation;
        inFlight.clear();
        inFlightBytes = 0;
        sentUpTo = 0;
        streamOpenedAt = clock.instant();
        log.debug("connecting to the console at {} ({} captures waiting)", address, spool.depth());
        AgentGatewayGrpc.AgentGatewayStub stub = AgentGatewayGrpc.newStub(channel)
                .withInterceptors(new DeviceCredentialsInterceptor(credentials));
        stub.connect(new ClientResponseObserver<AgentMessage, ConsoleMessage>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<AgentMessage> requests) {
                stream = requests;
                requests.setOnReadyHandler(() -> onExecutor(() -> {
                    if (current == generation) {
                        fill();
                    }
                }));
            }

            @Override
            public void onNext(ConsoleMessage message) {
                onExecutor(() -> received(current, message));
            }

            @Override
            public void onError(Throwable error) {
                onExecutor(() -> failed(current, error));
            }

            @Override
            public void onCompleted() {
                onExecutor(() -> failed(current,
                        Status.UNAVAILABLE.withDescription("the console closed the stream").asRuntimeException()));
            }
        });
        stream.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder()
                .setDeviceId(credentials.deviceId())
                .setPolicyVersion(policy.runningVersion())
                .setSpoolDepth(spool.depth())
                .setAgentVersion(agent.agentVersion())
                .setOs(agent.os())
                .setUser(agent.user())
                .setDrops(drops())
                .setMonitoring(monitoring())
                .setReplacesDeviceId(replacesDeviceId)).build());
        sendNoticeReports();
        fill();
    }

    /** Sends spooled events, oldest first, while the window and the transport have room. */
    private void fill() {
        while (stream != null && inFlight.size() < WINDOW && inFlightBytes < WINDOW_BYTES && stream.isReady()) {
            List<SpooledEvent> batch;
            try {
                batch = spool.after(sentUpTo, Math.min(BATCH, WINDOW - inFlight.size()));
            } catch (SpoolException e) {
                log.error("{}", e.getMessage());
                return;
            }
            if (batch.isEmpty()) {
                return;
            }
            for (SpooledEvent spooled : batch) {
                sentUpTo = spooled.position();
                send(spooled.event());
            }
        }
    }

    private void send(Event event) {
        int size = event.getSerializedSize();
        if (inFlight.putIfAbsent(event.getEventId(), size) != null) {
            return;
        }
        inFlightBytes += size;
        try {
            stream.onNext(AgentMessage.newBuilder().setEvent(event).build());
            log.debug("capture {} sent to console (category {}, severity {}, rule {})", event.getEventId(),
                    event.getCategory(), event.getSeverity(), event.getRuleId());
        } catch (RuntimeException e) {
            log.warn("capture {} not sent: {}", event.getEventId(), e.toString());
        }
    }

    private void received(int streamGeneration, ConsoleMessage message) {
        if (streamGeneration != generation) {
            return;
        }
        switch (message.getBodyCase()) {
            case ACK -> {
                String id = message.getAck().getEventId();
                backoff.reset();
                landed(id);
                if (removeFromSpool(id)) {
                    log.info("capture {} acknowledged by console", id);
                }
                fill();
            }
            case REJECT -> {
                Reject reject = message.getReject();
                landed(reject.getEventId());
                log.error("the console refused capture {} for good ({} {}); removing it from the spool",
                        reject.getEventId(), reject.getCode(), reject.getReason());
                removeFromSpool(reject.getEventId());
                fill();
            }
            case POLICY -> {
                policy.received(message.getPolicy().getVersion(), message.getPolicy().getWordlist().toByteArray());
                heartbeat();
            }
            case NOTICE -> {
                try {
                    notices.accept(message.getNotice());
                } catch (RuntimeException e) {
                    log.warn("cannot keep the sign-in notice the console sent: {}", e.toString());
                }
            }
            default -> log.debug("empty message from the console");
        }
    }

    /**
     * Whether the event left the spool. A spool that cannot delete is logged and the stream goes on: the event
     * stays on disk and is sent again after a reconnect, which the console acknowledges again without storing it twice.
     */
    private boolean removeFromSpool(String eventId) {
        try {
            if (spool.remove(eventId)) {
                return true;
            }
            log.debug("answer for capture {} which is no longer waiting", eventId);
            return false;
        } catch (SpoolException e) {
            log.error("capture {} was answered by the console but stays in the spool: {}; it will be sent again "
                    + "after the next reconnect", eventId, e.getMessage());
            return false;
        }
    }

    private void landed(String eventId) {
        Integer size = inFlight.remove(eventId);
        if (size != null) {
            inFlightBytes -= size;
        }
    }

    private void failed(int streamGeneration, Throwable error) {
        if (streamGeneration != generation || closed) {
            return;
        }
        stream = null;
        inFlight.clear();
        inFlightBytes = 0;
        if (Duration.between(streamOpenedAt, clock.instant()).compareTo(HEALTHY) >= 0) {
            backoff.reset();
        }
        Duration delay = backoff.next();
        String message = ConsoleErrors.describe(error, "stream", address);
        Status status = Status.fromThrowable(error);
        if (status.getCode() == Status.Code.UNAUTHENTICATED && ConsoleErrors.pinFailure(error).isEmpty()) {
            if (onRefused.refused(credentials, status.getDescription() == null ? "" : status.getDescription())) {
                return; // new credentials come through start()
            }
            log.debug("{}; retrying in {} s", message, seconds(delay));
        } else if (ConsoleErrors.pinFailure(error).isPresent()) {
            log.error("{}; retrying in {} s", message, seconds(delay));
        } else {
            log.warn("{}; {} captures waiting; retrying in {} s", message, spool.depth(), seconds(delay));
        }
        try {
            executor.schedule(this::connect, delay);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void heartbeat() {
        if (stream == null) {
            return;
        }
        try {
            stream.onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                    .setSpoolDepth(spool.depth())
                    .setDrops(drops())
                    .setPolicyVersion(policy.runningVersion())
                    .setMonitoring(monitoring()))
                    .build());
        } catch (RuntimeException e) {
            log.debug("heartbeat not sent: {}", e.toString());
        }
    }

    /** What the session reports; a report that fails is logged, and the message still goes, saying nothing is heard. */
    private Monitoring monitoring() {
        try {
            return monitoring.get();
        } catch (RuntimeException e) {
            log.warn("cannot tell whether this device is monitoring: {}", e.toString());
            return Monitoring.getDefaultInstance();
        }
    }

    private SpoolDrops drops() {
        DropCounts drops = spool.drops();
        return SpoolDrops.newBuilder().setScreenshots(drops.screenshots()).setEvents(drops.events()).build();
    }

    private void onExecutor(Runnable task) {
        executor.execute(task); // false once closed: the delivery is stopping
    }

    private static String seconds(Duration delay) {
        return String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0);
    }
}
