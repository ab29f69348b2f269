package org.vigil.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.enrolment.StoredIdentity;
import org.vigil.agent.policy.PolicyReceiver;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.RecordingConsole;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.Supervisor;

/** A real gRPC server over TLS on localhost, standing in for the console's ingest. */
class ConsoleConnectionTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final Issued OTHER_CA = TestCerts.ca("CN=Hostile Wi-Fi CA");
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", RecordingConsole.HOSTNAME);

    @TempDir
    Path dataDir;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
    private RecordingConsole console;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (console != null) {
            console.close();
        }
        supervisor.close();
    }

    @Test
    void refusesAConsoleWhoseCertificateIsNotFromThePinnedCaAndSaysWhy() throws Exception {
        console = RecordingConsole.start(OTHER_CA);
        String address = console.address();
        channel = ConsoleChannels.open(address, CertificateFingerprint.of(CA.cert()));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> AgentGatewayGrpc
                .newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .enroll(EnrollRequest.newBuilder().setEnrolmentToken("token").build()));

        String message = ConsoleErrors.describe(e, "enrolment", address);
        assertTrue(ConsoleErrors.pinFailure(e).isPresent(), "cause chain: " + e);
        assertTrue(message.contains("console certificate is not issued by the pinned CA: expected CA fingerprint "
                + CertificateFingerprint.of(CA.cert())), message);
        assertTrue(message.contains(CertificateFingerprint.of(OTHER_CA.cert()).toString()), message);
    }

    @Test
    void enrolsStoresOwnerOnlyCredentialsAndKeepsEventsUntilAcknowledged() throws Exception {
        console = RecordingConsole.start(CA);
        String address = console.address();
        channel = ConsoleChannels.open(address, CertificateFingerprint.of(CA.cert()));
        CredentialStore store = new CredentialStore(dataDir);
        Enrolment enrolment = new Enrolment(channel, address, CertificateFingerprint.of(CA.cert()),
                RecordingConsole.TOKEN, "agent.properties", AGENT, store, Backoff.standard(), Clock.systemUTC());

        Optional<DeviceCredentials> credentials = enrolment.tryOnce(Duration.ofSeconds(10), Optional.empty())
                .map(StoredIdentity::credentials);

        assertEquals(Optional.of(new DeviceCredentials(RecordingConsole.DEVICE_ID, "s3cret")), credentials);
        assertEquals(credentials, store.load().map(StoredIdentity::credentials));
        assertEquals(Optional.of(CertificateFingerprint.of(CA.cert())), store.load().orElseThrow().consoleCa(),
                "the identity records the console it belongs to");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));

        try (Spool spool = Spool.open(dataDir, Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES);
             Delivery delivery = new Delivery(channel, address, spool, AGENT, Backoff.standard(),
                     Clock.systemUTC(), Delivery.HEARTBEAT, PolicyReceiver.NONE, Monitoring::getDefaultInstance,
                     supervisor)) {
            delivery.submit(event("e-1"));
            delivery.start(credentials.get());
            delivery.submit(event("e-2"));
            waitUntil(Duration.ofSeconds(10), "both events acknowledged and gone from the spool",
                    () -> spool.depth() == 0 && console.eventIds().size() >= 2);
        }
        assertTrue(console.received().get(0).hasHello());
        assertEquals(RecordingConsole.DEVICE_ID, console.received().get(0).getHello().getDeviceId());
        assertEquals(List.of("e-1", "e-2"), console.eventIds());
        assertEquals(List.of(RecordingConsole.DEVICE_ID), console.deviceIds());
    }

    @Test
    void describesRefusedCredentialsPlainly() {
        String message = ConsoleErrors.describe(
                Status.UNAUTHENTICATED.withDescription("device revoked").asRuntimeException(), "stream", "c:1");

        assertEquals("console refused this device's credentials: device revoked", message);
    }

    private static Event event(String id) {
        return Event.newBuilder().setEventId(id).setCategory("suicide").setSeverity(5).setRuleId("suicide.txt:4")
                .build();
    }
}
