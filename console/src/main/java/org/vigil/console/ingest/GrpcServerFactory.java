package org.vigil.console.ingest;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.vigil.console.tls.TlsMaterial;
import org.vigil.proto.WireNames;

/** Builds the gRPC server: the agent gateway behind device authentication, on TLS or a builder a test brings. */
public final class GrpcServerFactory {
    private final AgentGatewayService gateway;
    private final DeviceAuthInterceptor deviceAuth;

    public GrpcServerFactory(AgentGatewayService gateway, DeviceAuthInterceptor deviceAuth) {
        this.gateway = gateway;
        this.deviceAuth = deviceAuth;
    }

    /** Adds the console's services to any builder (the console passes TLS; a test may pass plaintext on loopback). */
    public Server build(ServerBuilder<?> builder) {
        return builder
                .addService(ServerInterceptors.intercept(gateway, deviceAuth))
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES)
                .build();
    }

    /** A Netty builder on the address, presenting the server certificate followed by the CA certificate. */
    public static ServerBuilder<?> tlsBuilder(InetSocketAddress address, TlsMaterial tls) throws IOException {
        return NettyServerBuilder.forAddress(address)
                .sslContext(GrpcSslContexts.forServer(
                        new ByteArrayInputStream(tls.serverChainPem()),
                        new ByteArrayInputStream(tls.serverKeyPem())).build())
                .permitKeepAliveTime(WireNames.MIN_KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
    }
}
