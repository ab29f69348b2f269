package org.vigil.console.ingest;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.LogValues;

/**
 * The agents' open connections, so that one flooding the console is cut off whole rather than refused call by call
 * (issue 13): a connection on which {@link #MAX_REFUSALS} new streams have been refused (over its device's allowance)
 * is closed, and a device holds at most {@link #MAX_PER_DEVICE} connections at once: when it authenticates on one
 * more, its oldest is closed, as a newer stream replaces an older one. Closing a connection ends every call on it
 * and every call its client had queued for it, at once.
 *
 * <p>gRPC's public API has no handle on a connection, so this wraps the TLS protocol negotiator (grpc-java's
 * {@code Internal} API, pinned with the gRPC version): each new connection's Netty channel is remembered by its remote
 * address, which every call on it carries ({@code Grpc.TRANSPORT_ATTR_REMOTE_ADDR}), and forgotten when it closes.
 * A server built without it (a test's plaintext or in-process builder) simply has no connection to close.
 */
public final class AgentConnections {
    /**
     * A whole window of refused calls ({@link GrpcServerFactory#MAX_CALLS_PER_CONNECTION}): an agent, which opens one
     * stream and backs off from 1 s when refused, never comes near it.
     */
    static final int MAX_REFUSALS = GrpcServerFactory.MAX_CALLS_PER_CONNECTION;
    /** An agent needs one; the second covers a reconnect while the old connection is not yet known to be dead. */
    static final int MAX_PER_DEVICE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnections.class);

    private final Map<SocketAddress, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, Deque<Connection>> byDevice = new HashMap<>();

    /** The TLS negotiator, wrapped so that each connection's channel is remembered while it is open. */
    InternalProtocolNegotiator.ProtocolNegotiator tracking(InternalProtocolNegotiator.ProtocolNegotiator tls) {
        return new InternalProtocolNegotiator.ProtocolNegotiator() {
            @Override
            public AsciiString scheme() {
                return tls.scheme();
            }

            @Override
            public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
                ChannelHandler negotiation = tls.newHandler(grpcHandler);
                return new ChannelInboundHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        remember(ctx.channel());
                        ctx.pipeline().replace(this, null, negotiation);
                    }
                };
            }

            @Override
            public void close() {
                tls.close();
            }
        };
    }

    private void remember(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        if (remote == null) {
            return;
        }
        Connection connection = new Connection(remote, channel);
        open.put(remote, connection);
        channel.closeFuture().addListener(done -> forget(connection));
    }

    private void forget(Connection connection) {
        open.remove(connection.remote, connection);
        synchronized (byDevice) {
            connection.deviceIds.forEach(deviceId -> {
                Deque<Connection> ofDevice = byDevice.get(deviceId);
                if (ofDevice != null && ofDevice.remove(connection) && ofDevice.isEmpty()) {
                    byDevice.remove(deviceId);
                }
            });
        }
    }

    /**
     * A new stream from this connection was refused, over its device's allowance or for credentials that are not
     * recognised; the connection is closed once it has had too many.
     */
    void refused(SocketAddress remote) {
        Optional.ofNullable(remote).map(open::get).ifPresent(connection -> {
            if (connection.refusals.incrementAndGet() == MAX_REFUSALS) {
                LOG.warn("Closed the agents' connection from {}: {} new streams refused on it (over its device's"
                        + " allowance or with credentials not recognised)", remote, MAX_REFUSALS);
                connection.cut();
            }
        });
    }

    /** A device authenticated on this connection; its oldest connections beyond {@link #MAX_PER_DEVICE} are closed. */
    void authenticated(String deviceId, SocketAddress remote) {
        Connection connection = remote == null ? null : open.get(remote);
        if (connection == null) {
            return;
        }
        Deque<Connection> evicted = new ArrayDeque<>();
        synchronized (byDevice) {
            Deque<Connection> ofDevice = byDevice.computeIfAbsent(deviceId, id -> new ArrayDeque<>());
            if (ofDevice.contains(connection)) {
                return;
            }
            ofDevice.addLast(connection);
            connection.deviceIds.add(deviceId);
            while (ofDevice.size() > MAX_PER_DEVICE) {
                evicted.add(ofDevice.removeFirst());
            }
        }
        for (Connection old : evicted) {
            LOG.warn("Closed the agents' connection from {}: device {} opened more than {} connections at once",
                    old.remote, LogValues.escape(deviceId), MAX_PER_DEVICE);
            old.cut();
        }
    }

    /** How many connections are open now. */
    public int openCount() {
        return open.size();
    }

    private static final class Connection {
        private final SocketAddress remote;
        private final Channel channel;
        private final AtomicInteger refusals = new AtomicInteger();
        private final Set<String> deviceIds = ConcurrentHashMap.newKeySet();

        private Connection(SocketAddress remote, Channel channel) {
            this.remote = remote;
            this.channel = channel;
        }

        /**
         * Closes the socket at once. {@code channel.close()} would pass through the HTTP/2 handler, which says GOAWAY
         * and then waits for the open streams to end: a flooding client that never half-closes its streams would
         * keep the connection, and its queued calls waiting, for ever.
         */
        private void cut() {
            ChannelHandlerContext first = channel.pipeline().firstContext();
            if (first == null) {
                channel.close();
            } else {
                first.close();
            }
        }
    }
}
