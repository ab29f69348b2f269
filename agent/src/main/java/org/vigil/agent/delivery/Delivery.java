package org.vigil.agent.delivery;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;

/**
 * Sends events to the console over one long-lived {@code Connect} stream: {@code Hello} first, then every
 * unacknowledged event oldest first, then new events as they come. An event leaves the {@link Outbox} only when
 * the console's {@code Ack} arrives (at least once: after a reconnect every unacknowledged event is sent again).
 * When the stream fails it logs why and reconnects with jittered exponential back-off.
 *
 * <p>Everything touching the stream runs on one thread ({@code vigil-delivery}), as a gRPC stream is not
 * thread-safe. Events submitted before {@link #start} wait in the outbox.
 */
public final class Delivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(60);
    /** A stream that lived this long before failing counts as healthy: back-off starts again from 1 s. */
    static final Duration HEALTHY = Duration.ofSeconds(30);

    private final Channel channel;
    private final String address;
    private final Outbox outbox;
    private final AgentInfo agent;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigil-delivery");
        thread.setDaemon(true);
        return thread;
    });

    // touched only on the executor thread
    private DeviceCredentials credentials;
    private StreamObserver<AgentMessage> stream;
    private int generation;
    private Instant streamOpenedAt;
    private final Set<String> sentOnStream = new HashSet<>();
    private boolean closed;

    public Delivery(Channel channel, String address, Outbox outbox, AgentInfo agent, Backoff backoff, Clock clock) {
        this.channel = channel;
        this.address = address;
        this.outbox = outbox;
        this.agent = agent;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Connects with these credentials and keeps connected until {@link #close}. */
    public void start(DeviceCredentials deviceCredentials) {
        executor.execute(() -> {
            credentials = deviceCredentials;
            connect();
        });
        executor.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** Puts the event in the outbox and sends it now if the stream is up. Any thread. */
    public void submit(Event event) {
        outbox.add(event);
        try {
            executor.execute(() -> {
                if (stream != null) {
                    send(event);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("capture {} not sent: the agent is stopping", event.getEventId());
        }
    }

    @Override
    public void close() {
        try {
            executor.submit(() -> {
                closed = true;
                if (stream != null) {
                    try {
                        stream.onCompleted();
                    } catch (RuntimeException e) {
                        log.debug("closing the stream: {}", e.toString());
                    }
                    stream = null;
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("closing delivery: {}", e.toString());
        }
        executor.shutdownNow();
    }

    private void connect() {
        if (closed) {
            return;
        }
        int current = ++generation;
        sentOnStream.clear();
        streamOpenedAt = clock.instant();
        log.debug("connecting to the console at {} ({} captures waiting)", address, outbox.depth());
        AgentGatewayGrpc.AgentGatewayStub stub = AgentGatewayGrpc.newStub(channel)
                .withInterceptors(new DeviceCredentialsInterceptor(credentials));
        stream = stub.connect(new StreamObserver<>() {
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
                .setPolicyVersion("")
                .setSpoolDepth(outbox.depth())
                .setAgentVersion(agent.agentVersion())
                .setOs(agent.os())
                .setUser(agent.user())).build());
        for (Event event : outbox.unacked()) {
            send(event);
        }
    }

    private void send(Event event) {
        if (!sentOnStream.add(event.getEventId())) {
            return;
        }
        try {
            stream.onNext(AgentMessage.newBuilder().setEvent(event).build());
            log.info("capture {} sent to console (category {}, severity {}, rule {})", event.getEventId(),
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
                if (outbox.ack(id)) {
                    log.info("capture {} acknowledged by console", id);
                } else {
                    log.debug("ack for capture {} which is no longer waiting", id);
                }
            }
            case POLICY -> log.info("the console sent policy version {}; this agent does not apply pushed policy "
                    + "yet and keeps its built-in wordlists", message.getPolicy().getVersion());
            case COMMAND -> {
                if (message.getCommand().getName().equals("heartbeat")) {
                    heartbeat();
                } else {
                    log.info("the console sent command \"{}\", which this agent does not know",
                            message.getCommand().getName());
                }
            }
            default -> log.debug("empty message from the console");
        }
    }

    private void failed(int streamGeneration, Throwable error) {
        if (streamGeneration != generation || closed) {
            return;
        }
        stream = null;
        if (Duration.between(streamOpenedAt, clock.instant()).compareTo(HEALTHY) >= 0) {
            backoff.reset();
        }
        Duration delay = backoff.next();
        String message = ConsoleErrors.describe(error, "stream", address);
        if (ConsoleErrors.pinFailure(error).isPresent() || Status.fromThrowable(error).getCode() == Status.Code.UNAUTHENTICATED) {
            log.error("{}; retrying in {} s", message, seconds(delay));
        } else {
            log.warn("{}; {} captures waiting; retrying in {} s", message, outbox.depth(), seconds(delay));
        }
        executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (stream == null) {
            return;
        }
        Instant now = clock.instant();
        try {
            stream.onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                    .setSpoolDepth(outbox.depth())
                    .setSentAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())))
                    .build());
        } catch (RuntimeException e) {
            log.debug("heartbeat not sent: {}", e.toString());
        }
    }

    private void onExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private static String seconds(Duration delay) {
        return String.format(java.util.Locale.ROOT, "%.1f", delay.toMillis() / 1000.0);
    }
}
