package org.vigil.agent.support;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Ack;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;

/**
 * A real gRPC server over TLS on loopback standing in for the console's ingest: it enrols the device
 * {@code laptop-7} with the token {@code token} as {@code device-1} (then {@code device-2}... at each further
 * enrolment), records every message agents send, and acks the events the test lets it ack (all, unless told
 * otherwise). Devices the test marks unknown or revoked are refused as the console refuses them.
 */
public final class RecordingConsole implements AutoCloseable {
    public static final String TOKEN = "token";
    public static final String HOSTNAME = "laptop-7";
    public static final String DEVICE_ID = "device-1";
    /** The console's words (console.ingest.DeviceAuthInterceptor, LiveStreams) for a refused device. */
    public static final String UNKNOWN_DEVICE = "device credentials are not recognised: enrol the device again";
    public static final String REVOKED = "this device has been revoked: enrol it again to resume monitoring";
    private static final Context.Key<String> DEVICE = Context.key("device");

    private final List<AgentMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> deviceIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger endedByAgents = new AtomicInteger();
    private final AtomicInteger enrolments = new AtomicInteger();
    private final AtomicInteger enrolAttempts = new AtomicInteger();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, List<StreamObserver<ConsoleMessage>>> live = new ConcurrentHashMap<>();
    /** Device id and event id of every event received, in order. */
    private final List<String[]> eventsByDevice = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> acked = id -> true;
    /** Acks not sent yet because the test held them back. */
    private final List<Runnable> held = new CopyOnWriteArrayList<>();
    private final Server server;

    private RecordingConsole(Issued ca) throws IOException {
        Issued console = TestCerts.server(ca, WireNames.CONSOLE_AUTHORITY);
        ServerInterceptor recordDevice = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String id = headers.get(WireNames.DEVICE_ID);
                if (id == null) {
                    return next.startCall(call, headers);
                }
                deviceIds.add(id);
                if (refused.contains(id)) {
                    call.close(Status.UNAUTHENTICATED.withDescription(UNKNOWN_DEVICE), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return Contexts.interceptCall(Context.current().withValue(DEVICE, id), call, headers, next);
            }
        };
        server = NettyServerBuilder.forPort(0)
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(console.key(), console.cert(),
                        ca.cert())).build())
                .addService(ServerInterceptors.intercept(new Gateway(), recordDevice))
                .build()
                .start();
    }

    /** A console whose server certificate is issued by {@code ca}. */
    public static RecordingConsole start(Issued ca) throws IOException {
        return new RecordingConsole(ca);
    }

    public String address() {
        return "localhost:" + server.getPort();
    }

    /** From now on streams of this device are refused as the console refuses a device it does not know. */
    public void forget(String deviceId) {
        refused.add(deviceId);
    }

    /** Refuses this device from now on and ends its open streams, as the console does when IT revokes it. */
    public void revoke(String deviceId) {
        refused.add(deviceId);
        for (StreamObserver<ConsoleMessage> toAgent : live.getOrDefault(deviceId, List.of())) {
            synchronized (toAgent) {
                try {
                    toAgent.onError(Status.UNAUTHENTICATED.withDescription(REVOKED).asRuntimeException());
                } catch (IllegalStateException e) {
                    // that stream had ended already
                }
            }
        }
    }

    /** How many enrolments the console granted. */
    public int enrolments() {
        return enrolments.get();
    }

    /** How many enrolments were asked for, granted or refused. */
    public int enrolAttempts() {
        return enrolAttempts.get();
    }

    /** Ids of the events received from that device, in order, with repeats. */
    public List<String> eventIdsFrom(String deviceId) {
        return eventsByDevice.stream().filter(e -> e[0].equals(deviceId)).map(e -> e[1]).toList();
    }

    /** From now on acks only the events whose id passes; the others stay unanswered. */
    public void ackOnly(Predicate<String> eventIds) {
        acked = eventIds;
    }

    /** Sends the acks held back so far, and acks every event from now on. */
    public void ackEverything() {
        acked = id -> true;
        List<Runnable> now = List.copyOf(held);
        held.removeAll(now);
        now.forEach(Runnable::run);
    }

    public List<AgentMessage> received() {
        return List.copyOf(received);
    }

    /** Ids of the events received, in order, with repeats. */
    public List<String> eventIds() {
        return received.stream().filter(AgentMessage::hasEvent).map(m -> m.getEvent().getEventId()).toList();
    }

    public List<Hello> hellos() {
        return received.stream().filter(AgentMessage::hasHello).map(AgentMessage::getHello).toList();
    }

    public List<Heartbeat> heartbeats() {
        return received.stream().filter(AgentMessage::hasHeartbeat).map(AgentMessage::getHeartbeat).toList();
    }

    /** The reasons of the {@code Stopping} messages received, in order. */
    public List<String> stoppingReasons() {
        return received.stream().filter(AgentMessage::hasStopping).map(m -> m.getStopping().getReason()).toList();
    }

    /** How many streams agents have ended themselves (half-closed). */
    public int streamsEndedByAgents() {
        return endedByAgents.get();
    }

    /** The device ids streams were opened with. */
    public List<String> deviceIds() {
        return List.copyOf(deviceIds);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** A gRPC stream is not thread-safe: the test thread and the server's thread both answer on it. */
    private static void send(StreamObserver<ConsoleMessage> toAgent, ConsoleMessage message) {
        synchronized (toAgent) {
            toAgent.onNext(message);
        }
    }

    private final class Gateway extends AgentGatewayGrpc.AgentGatewayImplBase {
        @Override
        public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> response) {
            enrolAttempts.incrementAndGet();
            if (!request.getEnrolmentToken().equals(TOKEN) || !request.getHostname().equals(HOSTNAME)) {
                response.onError(Status.UNAUTHENTICATED.withDescription("unknown token").asRuntimeException());
                return;
            }
            response.onNext(EnrollResponse.newBuilder().setDeviceId("device-" + enrolments.incrementAndGet())
                    .setDeviceSecret("s3cret").build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<ConsoleMessage> toAgent) {
            String device = DEVICE.get() == null ? "" : DEVICE.get();
            live.computeIfAbsent(device, d -> new CopyOnWriteArrayList<>()).add(toAgent);
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                    received.add(message);
                    if (!message.hasEvent()) {
                        return;
                    }
                    eventsByDevice.add(new String[] {device, message.getEvent().getEventId()});
                    Runnable ack = () -> send(toAgent, ConsoleMessage.newBuilder()
                            .setAck(Ack.newBuilder().setEventId(message.getEvent().getEventId())).build());
                    if (acked.test(message.getEvent().getEventId())) {
                        ack.run();
                    } else {
                        held.add(ack);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    live.get(device).remove(toAgent);
                }

                @Override
                public void onCompleted() {
                    endedByAgents.incrementAndGet();
                    live.get(device).remove(toAgent);
                    synchronized (toAgent) {
                        toAgent.onCompleted();
                    }
                }
            };
        }
    }
}
