package org.vigil.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Ack;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/** A real gRPC server over TLS on localhost, standing in for the console's ingest. */
class ConsoleConnectionTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final Issued OTHER_CA = TestCerts.ca("CN=Hostile Wi-Fi CA");
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", "laptop-7");

    @TempDir
    Path dataDir;

    private Server server;
    private ManagedChannel channel;
    private final List<AgentMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> deviceIds = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void refusesAConsoleWhoseCertificateIsNotFromThePinnedCaAndSaysWhy() throws Exception {
        String address = start(OTHER_CA);
        channel = ConsoleChannels.open(address, CertificateFingerprint.of(CA.cert()));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> AgentGatewayGrpc
                .newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .enroll(EnrollRequest.newBuilder().setEnrolmentToken("token").build()));

        String message = ConsoleErrors.describe(e, "enrolment", address);
        assertTrue(ConsoleErrors.pinFailure(e).isPresent(), "cause chain: " + e);
        assertTrue(message.contains("console certificate is not issued by the pinned CA: expected CA fingerprint "
                + CertificateFingerprint.of(CA.cert())), message);
        assertTrue(message.contains(CertificateFingerprint.of(OTHER_CA.cert()).toString()), message);
    }

    @Test
    void enrolsStoresOwnerOnlyCredentialsAndKeepsEventsUntilAcknowledged() throws Exception {
        String address = start(CA);
        channel = ConsoleChannels.open(address, CertificateFingerprint.of(CA.cert()));
        CredentialStore store = new CredentialStore(dataDir);
        Enrolment enrolment = new Enrolment(channel, address, "token", AGENT, store, Backoff.standard(),
                Clock.systemUTC());

        Optional<DeviceCredentials> credentials = enrolment.tryOnce(Duration.ofSeconds(10));

        assertEquals(Optional.of(new DeviceCredentials("device-1", "s3cret")), credentials);
        assertEquals(credentials, store.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));

        try (Spool spool = Spool.open(dataDir, Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES);
             Delivery delivery = new Delivery(channel, address, spool, AGENT, Backoff.standard(),
                     Clock.systemUTC(), Delivery.HEARTBEAT)) {
            delivery.submit(event("e-1"));
            delivery.start(credentials.get());
            delivery.submit(event("e-2"));
            await(() -> spool.depth() == 0 && received.size() >= 3);
        }
        assertTrue(received.get(0).hasHello());
        assertEquals("device-1", received.get(0).getHello().getDeviceId());
        assertEquals(List.of("e-1", "e-2"), received.stream().filter(AgentMessage::hasEvent)
                .map(m -> m.getEvent().getEventId()).toList());
        assertEquals(List.of("device-1"), deviceIds);
    }

    @Test
    void describesRefusedCredentialsPlainly() {
        String message = ConsoleErrors.describe(
                Status.UNAUTHENTICATED.withDescription("device revoked").asRuntimeException(), "stream", "c:1");

        assertEquals("console refused this device's credentials: device revoked", message);
    }

    private static Event event(String id) {
        return Event.newBuilder().setEventId(id).setCategory("suicide").setSeverity(5).setRuleId("suicide.txt:4")
                .build();
    }

    private String start(Issued ca) throws Exception {
        Issued console = TestCerts.server(ca, WireNames.CONSOLE_AUTHORITY);
        ServerInterceptor recordDevice = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String id = headers.get(WireNames.DEVICE_ID);
                if (id != null) {
                    deviceIds.add(id);
                }
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forPort(0)
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(console.key(), console.cert(),
                        ca.cert())).build())
                .addService(ServerInterceptors.intercept(new Gateway(), recordDevice))
                .build()
                .start();
        return "localhost:" + server.getPort();
    }

    private void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out; received " + received);
            Thread.sleep(20);
        }
    }

    private final class Gateway extends AgentGatewayGrpc.AgentGatewayImplBase {
        @Override
        public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> response) {
            if (!request.getEnrolmentToken().equals("token") || !request.getHostname().equals("laptop-7")) {
                response.onError(Status.UNAUTHENTICATED.withDescription("unknown token").asRuntimeException());
                return;
            }
            response.onNext(EnrollResponse.newBuilder().setDeviceId("device-1").setDeviceSecret("s3cret").build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<ConsoleMessage> toAgent) {
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                    received.add(message);
                    if (message.hasEvent()) {
                        toAgent.onNext(ConsoleMessage.newBuilder()
                                .setAck(Ack.newBuilder().setEventId(message.getEvent().getEventId())).build());
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    toAgent.onCompleted();
                }
            };
        }
    }
}
