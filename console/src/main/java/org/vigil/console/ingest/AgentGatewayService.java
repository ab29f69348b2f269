package org.vigil.console.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.UUID;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.LogValues;

/**
 * The console end of the agent contract: enrolment, and the stream that carries events in and acks out
 * ({@link DeviceStream}). Re-enrolling a wiped device makes a new device record; the old one keeps its history.
 */
public final class AgentGatewayService extends AgentGatewayGrpc.AgentGatewayImplBase {
    static final String BAD_TOKEN = "enrolment token is unknown, expired, revoked or used by its maximum of devices";
    private static final Logger LOG = LoggerFactory.getLogger(AgentGatewayService.class);

    private final EnrolmentTokenRepository tokens;
    private final StreamParts parts;

    public AgentGatewayService(EnrolmentTokenRepository tokens, StreamParts parts) {
        this.tokens = tokens;
        this.parts = parts;
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        Optional<Refusal> malformed = FieldLimits.problemWith(request);
        if (malformed.isPresent()) {
            LOG.info("Refused an enrolment: {}", malformed.get().reason());
            responses.onError(Status.INVALID_ARGUMENT.withDescription(malformed.get().reason()).asRuntimeException());
            return;
        }
        String deviceId = UUID.randomUUID().toString();
        String secret = SecureRandomStrings.base64Url(32);
        Optional<Long> tokenId = tokens.enrolWith(request.getEnrolmentToken(), id -> parts.devices().insert(
                new NewDevice(deviceId, Hashes.sha256Hex(secret), request.getHostname(), request.getOs(),
                        request.getAgentVersion(), request.getUser(), id)));
        if (tokenId.isEmpty()) {
            LOG.info("Refused enrolment of host {}: bad token", LogValues.escape(request.getHostname()));
            responses.onError(Status.UNAUTHENTICATED.withDescription(BAD_TOKEN).asRuntimeException());
            return;
        }
        LOG.info("Enrolled device {} (host {}, {})", deviceId, LogValues.escape(request.getHostname()),
                LogValues.escape(request.getOs()));
        responses.onNext(EnrollResponse.newBuilder().setDeviceId(deviceId).setDeviceSecret(secret).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ConsoleMessage> responses) {
        String deviceId = DeviceAuthInterceptor.DEVICE_ID.get();
        DeviceStream stream = new DeviceStream(deviceId, (ServerCallStreamObserver<ConsoleMessage>) responses, parts);
        stream.start();
        return stream;
    }
}
