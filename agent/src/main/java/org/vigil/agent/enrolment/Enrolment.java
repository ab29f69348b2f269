package org.vigil.agent.enrolment;

import io.grpc.Channel;
import io.grpc.Status;
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
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;

/**
 * Enrols this device with the console, with the school's enrolment token, and stores the identity it gets back
 * (bound to the console's CA fingerprint) in the {@link CredentialStore}. Failures (console down, captive portal,
 * wrong CA, refused token) are logged clearly and retried with back-off: they must not stop the agent. A token the
 * console refuses (used up, expired, revoked) is an ERROR once, with what to do; the retries after it are quiet.
 */
public final class Enrolment {
    private static final Logger log = LoggerFactory.getLogger(Enrolment.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Channel channel;
    private final String address;
    private final CertificateFingerprint consoleCa;
    private final String token;
    private final String tokenSource;
    private final AgentInfo agent;
    private final CredentialStore store;
    private final Backoff backoff;
    private final Clock clock;
    private volatile boolean tokenRefusalSaid;

    /**
     * @param consoleCa   the pinned CA of the console at {@code address}, recorded with the identity
     * @param tokenSource where the token comes from (the config file), for messages
     */
    public Enrolment(Channel channel, String address, CertificateFingerprint consoleCa, String token,
                     String tokenSource, AgentInfo agent, CredentialStore store, Backoff backoff, Clock clock) {
        this.channel = channel;
        this.address = address;
        this.consoleCa = consoleCa;
        this.token = token;
        this.tokenSource = tokenSource;
        this.agent = agent;
        this.store = store;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * One attempt; logs and returns empty on failure.
     *
     * @param replacing the identity the new one replaces (refused by the console, or of another console), if any
     */
    public Optional<StoredIdentity> tryOnce(Duration deadline, Optional<StoredIdentity> replacing) {
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
            StoredIdentity identity = new StoredIdentity(
                    new DeviceCredentials(response.getDeviceId(), response.getDeviceSecret()), Optional.of(consoleCa),
                    replacing.map(StoredIdentity::deviceId));
            store.save(identity, address, clock.instant(), replacing);
            if (replacing.isPresent()) {
                log.info("enrolled again with the console at {} as device {} (was device {}); credentials stored "
                        + "in {}", address, identity.deviceId(), replacing.get().deviceId(), store.file());
            } else {
                log.info("enrolled with the console at {} as device {}; credentials stored in {}", address,
                        identity.deviceId(), store.file());
            }
            backoff.reset();
            tokenRefusalSaid = false;
            return Optional.of(identity);
        } catch (StatusRuntimeException e) {
            String message = ConsoleErrors.describe(e, "enrolment", address);
            if (Status.fromThrowable(e).getCode() == Status.Code.UNAUTHENTICATED) {
                if (!tokenRefusalSaid) {
                    tokenRefusalSaid = true;
                    log.error("{}. The enrolment token in {} cannot be used (already used up, expired or revoked): "
                            + "put a fresh one there (vigil-console tokens create, or agent-config) and restart the "
                            + "agent; captures stay in the spool meanwhile", message, tokenSource);
                } else {
                    log.debug("{}", message);
                }
            } else if (ConsoleErrors.pinFailure(e).isPresent()) {
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
     * @param replacing     the identity the new one replaces, if any
     */
    public StoredIdentity enrol(boolean afterAFailure, Optional<StoredIdentity> replacing)
            throws InterruptedException {
        boolean wait = afterAFailure;
        while (true) {
            if (wait) {
                Duration delay = backoff.next();
                String seconds = String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0);
                if (tokenRefusalSaid) {
                    log.debug("enrolment will be retried in {} s", seconds);
                } else {
                    log.info("enrolment will be retried in {} s", seconds);
                }
                Thread.sleep(delay.toMillis());
            }
            Optional<StoredIdentity> identity = tryOnce(DEADLINE, replacing);
            if (identity.isPresent()) {
                return identity.get();
            }
            wait = true;
        }
    }
}
