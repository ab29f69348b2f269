package org.vigil.console.ingest;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.store.DeviceCredentials;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.Hashes;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.LogValues;

/**
 * Authenticates devices by the id and secret in call metadata, for every method except Enroll (where the
 * enrolment token is the credential). The authenticated device id goes into the gRPC {@link Context}.
 */
public final class DeviceAuthInterceptor implements ServerInterceptor {
    /** The authenticated device's id, set for calls this interceptor let through. */
    public static final Context.Key<String> DEVICE_ID = Context.key("vigil-device-id");

    static final String REFUSED = "device credentials are not recognised: enrol the device again";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthInterceptor.class);
    private static final Set<String> OPEN_METHODS = Set.of(AgentGatewayGrpc.getEnrollMethod().getFullMethodName());

    static final String TOO_MANY_STREAMS = "this device opens streams faster than an agent does; retry later";

    private final DeviceRepository devices;
    private final StreamAllowance allowance;
    private final AgentConnections connections;

    /**
     * @param allowance   the calls each set of credentials may start (issue 13: 10,000 streams from one device)
     * @param connections told which device authenticated on which connection, to cap a device's connections
     */
    public DeviceAuthInterceptor(DeviceRepository devices, StreamAllowance allowance, AgentConnections connections) {
        this.devices = devices;
        this.allowance = allowance;
        this.connections = connections;
    }

    /** Whether the method is called without device credentials (Enroll). */
    static boolean isOpen(MethodDescriptor<?, ?> method) {
        return OPEN_METHODS.contains(method.getFullMethodName());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        if (isOpen(call.getMethodDescriptor())) {
            return next.startCall(call, headers);
        }
        // decided before the database and before a handler thread (ExecutorByAllowance): here it is only read
        if (!allowance.granted(headers)) {
            call.close(Status.RESOURCE_EXHAUSTED.withDescription(TOO_MANY_STREAMS), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Optional<String> deviceId = authenticate(headers.get(WireNames.DEVICE_ID), headers.get(WireNames.DEVICE_SECRET));
        if (deviceId.isEmpty()) {
            // every guess has credentials of its own, so no allowance ever refuses it: the guesses count against
            // their connection instead, which is closed after as many as a flood's refusals
            connections.refused(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            call.close(Status.UNAUTHENTICATED.withDescription(REFUSED), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        connections.authenticated(deviceId.get(), call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        Context context = Context.current().withValue(DEVICE_ID, deviceId.get());
        return Contexts.interceptCall(context, call, headers, next);
    }

    private Optional<String> authenticate(String deviceId, String secret) {
        if (deviceId == null || secret == null || deviceId.isBlank() || secret.isBlank()) {
            LOG.info("Refused a device call without credentials");
            return Optional.empty();
        }
        Optional<DeviceCredentials> known = devices.findCredentials(deviceId);
        // hash even for unknown devices so the two refusals take the same time
        String presented = Hashes.sha256Hex(secret);
        String expected = known.map(DeviceCredentials::secretSha256).orElse("0".repeat(64));
        boolean matches = Hashes.constantTimeEquals(presented, expected);
        if (known.isEmpty() || !matches || known.get().revoked()) {
            LOG.info("Refused device {}: {}", LogValues.escape(deviceId.length() > 64 ? deviceId.substring(0, 64) : deviceId),
                    known.isEmpty() ? "unknown device" : known.get().revoked() ? "revoked" : "wrong secret");
            return Optional.empty();
        }
        return Optional.of(deviceId);
    }
}
