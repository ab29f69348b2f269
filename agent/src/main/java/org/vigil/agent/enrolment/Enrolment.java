package org.vigil.agent.enrolment;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.ConsoleErrors;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;

/**
 * Enrols this device with the console once, with the school's enrolment token, and stores the device id and
 * secret it gets back in the {@link CredentialStore}. Failures (console down, captive portal, wrong CA, refused
 * token) are logged clearly and retried with back-off: they must not stop the agent.
 */
public final class Enrolment {
    private static final Logger log = LoggerFactory.getLogger(Enrolment.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Channel channel;
    private final String address;
    private final String token;
    private final AgentInfo agent;
    private final CredentialStore store;
    private final Backoff backoff;
    private final Clock clock;

    public Enrolment(Channel channel, String address, String token, AgentInfo agent, CredentialStore store,
                     Backoff backoff, Clock clock) {
        this.channel = channel;
        this.address = address;
        this.token = token;
        this.agent = agent;
        this.store = store;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** One attempt; logs and returns empty on failure. */
    public Optional<DeviceCredentials> tryOnce(Duration deadline) {
        try {
            EnrollResponse response = AgentGatewayGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .enroll(EnrollRequest.newBuilder()
                            .setEnrolmentToken(token)
                            .setHostname(agent.hostname())
                            .setOs(agent.os())
                            .setAgentVersion(agent.agentVersion())
                            .setUser(agent.user())
                            .build());
            if (response.getDeviceId().isBlank() || response.getDeviceSecret().isBlank()) {
                log.error("the console at {} answered the enrolment without a device id or secret", address);
                return Optional.empty();
            }
            DeviceCredentials credentials = new DeviceCredentials(response.getDeviceId(), response.getDeviceSecret());
            store.save(credentials, address, clock.instant());
            log.info("enrolled with the console at {} as device {}; credentials stored in {}", address,
                    credentials.deviceId(), store.file());
            return Optional.of(credentials);
        } catch (StatusRuntimeException e) {
            String message = ConsoleErrors.describe(e, "enrolment", address);
            if (ConsoleErrors.pinFailure(e).isPresent()) {
                log.error(message);
            } else {
                log.warn(message);
            }
            return Optional.empty();
        } catch (IOException e) {
            log.error("enrolled, but cannot store the device credentials in {}: {}", store.file(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Tries until it succeeds, waiting with jittered back-off in between.
     *
     * @param afterAFailure wait before the first attempt, as one just failed
     */
    public DeviceCredentials enrol(boolean afterAFailure) throws InterruptedException {
        boolean wait = afterAFailure;
        while (true) {
            if (wait) {
                Duration delay = backoff.next();
                log.info("enrolment will be retried in {} s",
                        String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0));
                Thread.sleep(delay.toMillis());
            }
            Optional<DeviceCredentials> credentials = tryOnce(DEADLINE);
            if (credentials.isPresent()) {
                return credentials.get();
            }
            wait = true;
        }
    }
}
