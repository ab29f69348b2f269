package org.vigil.agent.delivery;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;

/**
 * Opens the TLS channel to the console, trusting only the pinned CA. TLS is the JDK's own, not Netty's bundled
 * BoringSSL: for one connection it is fast enough, and the device service then loads no 3 MB native library and
 * none of its classes (bench/README.md, "Agent footprint").
 */
public final class ConsoleChannels {
    private ConsoleChannels() {
    }

    public static ManagedChannel open(String address, CertificateFingerprint pinnedCa) throws SSLException {
        SslContext ssl = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(new PinnedCaTrustManager(pinnedCa, WireNames.CONSOLE_AUTHORITY, Clock.systemUTC()))
                .build();
        return NettyChannelBuilder.forTarget(address)
                .sslContext(ssl)
                .overrideAuthority(WireNames.CONSOLE_AUTHORITY)
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES)
                .keepAliveTime(WireNames.AGENT_KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(WireNames.KEEPALIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
                .build();
    }
}
