package org.vigil.console.ingest;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.throttle.AttemptLimit;
import org.vigil.proto.v1.AgentGatewayGrpc;

/**
 * Limits enrolment per address (issue 13: 1,000 devices enrolled with one token in 2.9 s, and tokens could be
 * guessed freely): 10 refused tokens from an address in 10 minutes lock it out for 10 minutes; more than 120
 * enrolments from one address in a minute (a whole school's laptops behind one NAT, enrolling after an MDM push,
 * fit) wait a minute, except from loopback (a relay on the console's own machine, the benchmarks). A refused call
 * is RESOURCE_EXHAUSTED with when to try again; agents retry with backoff.
 */
public final class EnrolmentThrottle implements ServerInterceptor {
    static final int MAX_BAD_TOKENS = 10;
    static final int MAX_ENROLMENTS_PER_MINUTE = 120;
    private static final int MAX_KEYS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentThrottle.class);

    private final Clock clock;
    private final AttemptLimit badTokens;
    private final AttemptLimit enrolments;

    public EnrolmentThrottle(Clock clock) {
        this.clock = clock;
        this.badTokens = new AttemptLimit(MAX_BAD_TOKENS, Duration.ofMinutes(10), Duration.ofMinutes(10), MAX_KEYS,
                clock);
        this.enrolments = new AttemptLimit(MAX_ENROLMENTS_PER_MINUTE, Duration.ofMinutes(1), Duration.ofMinutes(1),
                MAX_KEYS, clock);
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        if (!AgentGatewayGrpc.getEnrollMethod().getFullMethodName().equals(call.getMethodDescriptor()
                .getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String address = address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        Optional<Instant> until = badTokens.lockedUntil(address).or(() -> enrolments.lockedUntil(address));
        if (until.isPresent()) {
            long seconds = Math.max(1, Duration.between(clock.instant(), until.get()).toSeconds());
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("too many enrolments from this address; try again"
                    + " in " + seconds + " s"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (!loopback(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))) {
            enrolments.record(address).ifPresent(end -> LOG.warn("Enrolments from {} paused until {}: more than {} a"
                    + " minute", address, end, MAX_ENROLMENTS_PER_MINUTE));
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (status.getCode() == Status.Code.UNAUTHENTICATED) {
                    badTokens.record(address).ifPresent(end -> LOG.warn("Enrolments from {} refused until {}: {}"
                            + " bad tokens", address, end, MAX_BAD_TOKENS));
                }
                super.close(status, trailers);
            }
        }, headers);
    }

    private static boolean loopback(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }
}
