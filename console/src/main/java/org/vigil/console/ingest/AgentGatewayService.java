package org.vigil.console.ingest;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.proto.v1.Ack;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console end of the agent contract: enrolment, and the stream that carries events in and acks out. */
public final class AgentGatewayService extends AgentGatewayGrpc.AgentGatewayImplBase {
    static final String BAD_TOKEN = "enrolment token is unknown, expired or revoked";
    private static final Logger LOG = LoggerFactory.getLogger(AgentGatewayService.class);

    private final EnrolmentTokenRepository tokens;
    private final DeviceRepository devices;
    private final CaptureRepository captures;
    private final EventValidator validator = new EventValidator();

    public AgentGatewayService(EnrolmentTokenRepository tokens, DeviceRepository devices, CaptureRepository captures) {
        this.tokens = tokens;
        this.devices = devices;
        this.captures = captures;
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        Optional<Long> tokenId = tokens.findUsable(request.getEnrolmentToken());
        if (tokenId.isEmpty()) {
            LOG.info("Refused enrolment of host {}: bad token", request.getHostname());
            responses.onError(Status.UNAUTHENTICATED.withDescription(BAD_TOKEN).asRuntimeException());
            return;
        }
        String deviceId = UUID.randomUUID().toString();
        String secret = SecureRandomStrings.base64Url(32);
        devices.insert(new NewDevice(deviceId, Hashes.sha256Hex(secret), request.getHostname(), request.getOs(),
                request.getAgentVersion(), request.getUser(), tokenId.get()));
        LOG.info("Enrolled device {} (host {}, {})", deviceId, request.getHostname(), request.getOs());
        responses.onNext(EnrollResponse.newBuilder().setDeviceId(deviceId).setDeviceSecret(secret).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ConsoleMessage> responses) {
        String deviceId = DeviceAuthInterceptor.DEVICE_ID.get();
        return new DeviceStream(deviceId, responses);
    }

    /** One device's stream. gRPC calls these methods one at a time. */
    private final class DeviceStream implements StreamObserver<AgentMessage> {
        private final String deviceId;
        private final StreamObserver<ConsoleMessage> responses;
        private boolean closed;

        DeviceStream(String deviceId, StreamObserver<ConsoleMessage> responses) {
            this.deviceId = deviceId;
            this.responses = responses;
        }

        @Override
        public void onNext(AgentMessage message) {
            if (closed) {
                return;
            }
            try {
                switch (message.getBodyCase()) {
                    case HELLO -> hello(message.getHello());
                    case EVENT -> event(message.getEvent());
                    case HEARTBEAT -> devices.touch(deviceId);
                    default -> LOG.warn("Device {} sent an empty message", deviceId);
                }
            } catch (RuntimeException e) {
                LOG.error("Device {}: cannot handle a {} message; closing the stream so the agent retries",
                        deviceId, message.getBodyCase(), e);
                closed = true;
                responses.onError(Status.UNAVAILABLE
                        .withDescription("the console could not store the message; retry later").asRuntimeException());
            }
        }

        private void hello(Hello hello) {
            devices.recordHello(deviceId, hello.getAgentVersion(), hello.getOs(), hello.getUser());
            LOG.info("Device {} connected (agent {}, spool depth {})", deviceId, hello.getAgentVersion(),
                    hello.getSpoolDepth());
        }

        private void event(Event event) {
            Optional<String> problem = validator.problemWith(event);
            if (problem.isPresent()) {
                LOG.warn("Device {}: skipped invalid event {}: {}", deviceId, abbreviate(event.getEventId()),
                        problem.get());
                return;
            }
            boolean stored = captures.storeIfAbsent(toCapture(event));
            LOG.debug("Device {}: event {} {}", deviceId, event.getEventId(), stored ? "stored" : "already stored");
            responses.onNext(ConsoleMessage.newBuilder()
                    .setAck(Ack.newBuilder().setEventId(event.getEventId()))
                    .build());
        }

        private NewCapture toCapture(Event event) {
            Optional<ScreenshotImage> screenshot = event.hasScreenshot() && !event.getScreenshot().getData().isEmpty()
                    ? Optional.of(new ScreenshotImage(event.getScreenshot().getData().toByteArray(),
                            event.getScreenshot().getMediaType(), event.getScreenshot().getWidth(),
                            event.getScreenshot().getHeight()))
                    : Optional.empty();
            long occurredAt = event.getOccurredAt().getSeconds() * 1000L + event.getOccurredAt().getNanos() / 1_000_000;
            return new NewCapture(event.getEventId().toLowerCase(Locale.ROOT), deviceId, event.getSeq(),
                    occurredAt, event.getUser(), event.getWindowTitle(), event.getApp(), event.getCategory(),
                    event.getSeverity(), event.getRuleId(), event.getMatchedText(), event.getContext(),
                    event.getMatchStart(), event.getMatchEnd(), event.getExplanation(), screenshot);
        }

        @Override
        public void onError(Throwable t) {
            closed = true;
            LOG.info("Device {} stream ended: {}", deviceId, Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            closed = true;
            responses.onCompleted();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
