package org.vigil.console;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;

/** A real gRPC client over TLS that trusts only the console's CA, as an agent does. */
final class GrpcTestClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final RecordingTrustManager trust;

    GrpcTestClient(Console console) throws Exception {
        this(console.caCertificate(), console.grpcPort());
    }

    /** A client of a console in another process, given its CA and gRPC port on loopback. */
    GrpcTestClient(X509Certificate ca, int grpcPort) throws Exception {
        this.trust = new RecordingTrustManager(ca);
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .overrideAuthority(WireNames.CONSOLE_AUTHORITY)
                .sslContext(GrpcSslContexts.forClient().trustManager(trust).build())
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES)
                .build();
    }

    EnrollResponse enroll(String token) {
        return enroll(EnrollRequest.newBuilder().setEnrolmentToken(token).setHostname("lab-pc-07")
                .setOs("Linux 6.1").setAgentVersion("0.1.0-test").setUser("pupil07").build());
    }

    EnrollResponse enroll(EnrollRequest request) {
        return AgentGatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).enroll(request);
    }

    StreamObserver<AgentMessage> connect(String deviceId, String secret, StreamObserver<ConsoleMessage> responses) {
        return connect(channel, deviceId, secret, responses);
    }

    /** A Connect stream on any channel, with the device's credentials in its headers. */
    static StreamObserver<AgentMessage> connect(Channel channel, String deviceId, String secret,
                                                StreamObserver<ConsoleMessage> responses) {
        Metadata headers = new Metadata();
        headers.put(WireNames.DEVICE_ID, deviceId);
        headers.put(WireNames.DEVICE_SECRET, secret);
        return AgentGatewayGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .connect(responses);
    }

    /** Whether the client's connection is up ({@code READY}), without asking it to connect. */
    ConnectivityState state() {
        return channel.getState(false);
    }

    /** The certificate chains the server presented. */
    List<X509Certificate[]> presentedChains() {
        return trust.chains;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Trusts the console's CA only, and records what the server presented. */
    private static final class RecordingTrustManager implements X509TrustManager {
        private final X509TrustManager delegate;
        private final List<X509Certificate[]> chains = new CopyOnWriteArrayList<>();

        RecordingTrustManager(X509Certificate ca) throws Exception {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("vigil-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            this.delegate = (X509TrustManager) factory.getTrustManagers()[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            chains.add(chain.clone());
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
