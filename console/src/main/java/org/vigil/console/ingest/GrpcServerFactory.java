package org.vigil.console.ingest;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.tls.TlsMaterial;
import org.vigil.proto.WireNames;

/** Builds the gRPC server: the agent gateway behind device authentication, on TLS or a builder a test brings. */
public final class GrpcServerFactory {
    static final int MAX_CALLS_PER_CONNECTION = 32;

    private final AgentGatewayService gateway;
    private final DeviceAuthInterceptor deviceAuth;
    private final EnrolmentThrottle enrolmentThrottle;
    private final StreamAllowance allowance;
    private final GrpcExecutors executors;
    private final AgentConnections connections;

    /**
     * @param allowance new streams per device credentials, decided when a call's executor is chosen and enforced by
     *                  the device authentication
     * @param executors the threads calls run on ({@link GrpcExecutors#bounded()}; a test may hold one back)
     */
    public GrpcServerFactory(AgentGatewayService gateway, DeviceRepository devices, EnrolmentThrottle enrolmentThrottle,
                             StreamAllowance allowance, GrpcExecutors executors) {
        this.gateway = gateway;
        this.connections = new AgentConnections();
        this.deviceAuth = new DeviceAuthInterceptor(devices, allowance, connections);
        this.enrolmentThrottle = enrolmentThrottle;
        this.allowance = allowance;
        this.executors = executors;
    }

    /** The connections of the server built from {@link #tlsBuilder}. */
    public AgentConnections connections() {
        return connections;
    }

    /** Adds the console's services to any builder (the console passes TLS; a test may pass plaintext on loopback). */
    public Server build(ServerBuilder<?> builder) {
        return builder
                .executor(executors.callStarts())
                .callExecutor(new ExecutorByAllowance(allowance, executors, connections))
                .addService(ServerInterceptors.intercept(gateway, deviceAuth, enrolmentThrottle))
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES)
                .build();
    }

    /**
     * A Netty builder on the address, presenting the server certificate followed by the CA certificate, whose
     * connections this factory's server can close when one floods it ({@link AgentConnections}).
     */
    public ServerBuilder<?> tlsBuilder(InetSocketAddress address, TlsMaterial tls) throws IOException {
        return NettyServerBuilder.forAddress(address)
                .protocolNegotiator(connections.tracking(InternalProtocolNegotiators.serverTls(
                        GrpcSslContexts.forServer(new ByteArrayInputStream(tls.serverChainPem()),
                                new ByteArrayInputStream(tls.serverKeyPem())).build())))
                // an agent uses one stream; thousands on one connection were a flood (issue 13)
                .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
                .permitKeepAliveTime(WireNames.MIN_KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
    }
}
