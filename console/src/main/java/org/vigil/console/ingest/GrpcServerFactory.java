package org.vigil.console.ingest;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigil.console.tls.TlsMaterial;
import org.vigil.proto.WireNames;

/** Builds the gRPC server: the agent gateway behind device authentication, on TLS or a builder a test brings. */
public final class GrpcServerFactory {
    static final int MAX_CALLS_PER_CONNECTION = 32;
    static final int HANDLER_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final AgentGatewayService gateway;
    private final DeviceAuthInterceptor deviceAuth;
    private final EnrolmentThrottle enrolmentThrottle;

    public GrpcServerFactory(AgentGatewayService gateway, DeviceAuthInterceptor deviceAuth,
                             EnrolmentThrottle enrolmentThrottle) {
        this.gateway = gateway;
        this.deviceAuth = deviceAuth;
        this.enrolmentThrottle = enrolmentThrottle;
    }

    /** Adds the console's services to any builder (the console passes TLS; a test may pass plaintext on loopback). */
    public Server build(ServerBuilder<?> builder) {
        return builder
                .addService(ServerInterceptors.intercept(gateway, deviceAuth, enrolmentThrottle))
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES)
                .build();
    }

    /**
     * The threads that run the gateway's handlers: a fixed number, not gRPC's default of one more for each busy
     * call (5,000 streams from one device took the console from 125 to 3,462 threads, issue 13). Handlers do not
     * wait for the database except a Hello's one write, so a few threads serve thousands of streams; idle threads
     * end after 30 s.
     */
    private static ThreadPoolExecutor boundedExecutor() {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "vigil-grpc-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** A Netty builder on the address, presenting the server certificate followed by the CA certificate. */
    public static ServerBuilder<?> tlsBuilder(InetSocketAddress address, TlsMaterial tls) throws IOException {
        return NettyServerBuilder.forAddress(address)
                .sslContext(GrpcSslContexts.forServer(
                        new ByteArrayInputStream(tls.serverChainPem()),
                        new ByteArrayInputStream(tls.serverKeyPem())).build())
                // an agent uses one stream; thousands on one connection were a flood (issue 13)
                .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
                .executor(boundedExecutor())
                .permitKeepAliveTime(WireNames.MIN_KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
    }
}
