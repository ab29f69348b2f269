package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;

class IngestTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(ConsoleConfig.forTesting(dataDir));
        client = new GrpcTestClient(console);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        console.close();
    }

    @Test
    void enrolWithAValidTokenGetsDeviceCredentials() {
        EnrollResponse response = client.enroll(console.mintEnrolmentToken());
        assertTrue(response.getDeviceId().matches("[0-9a-f-]{36}"));
        assertTrue(response.getDeviceSecret().length() >= 43);
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id = ? AND hostname = 'lab-pc-07'"
                + " AND os_user = 'pupil07' AND secret_sha256 <> ?", response.getDeviceId(), response.getDeviceSecret()));
    }

    @Test
    void enrolWithAnUnknownTokenIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.enroll("not-a-real-token"));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("enrolment token is unknown, expired or revoked", e.getStatus().getDescription());
    }

    @Test
    void enrolWithAnExpiredTokenIsRefused() {
        String expired = console.mintEnrolmentToken(Duration.ZERO);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.enroll(expired));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("enrolment token is unknown, expired or revoked", e.getStatus().getDescription());
    }

    @Test
    void serverPresentsItsCertificateFollowedByTheCa() {
        client.enroll(console.mintEnrolmentToken());
        X509Certificate[] chain = client.presentedChains().get(0);
        assertEquals(2, chain.length);
        assertEquals(console.caCertificate(), chain[1]);
    }

    @Test
    void connectWithAForgedSecretIsRefusedWithAClearMessage() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), "forged-secret")) {
            stream.send(Events.valid().build());
            Status status = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
            assertEquals("device credentials are not recognised: enrol the device again", status.getDescription());
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ?", device.getDeviceId()));
    }

    @Test
    void connectAsAnUnknownDeviceIsRefused() throws Exception {
        try (DeviceStream stream = new DeviceStream(client, "00000000-0000-0000-0000-000000000000", "whatever")) {
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
            assertEquals(Status.Code.UNAUTHENTICATED, stream.awaitEnd(WAIT).getCode());
        }
    }

    @Test
    void eventIsAckedOnlyAfterItIsInTheDatabase() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Map<String, Long> rowsWhenAcked = new ConcurrentHashMap<>();
        Event event = Events.valid().build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret(),
                message -> rowsWhenAcked.put(message.getAck().getEventId(),
                        Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", message.getAck().getEventId())))) {
            stream.send(event);
            ConsoleMessage ack = stream.take(WAIT);
            assertEquals(event.getEventId(), ack.getAck().getEventId());
        }
        assertEquals(1L, rowsWhenAcked.get(event.getEventId()));
    }

    @Test
    void resentEventIsAckedAgainAndStoredOnce() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Event event = Events.valid().build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(event);
            assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId());
            stream.send(event);
            assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId());
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", event.getEventId()));
    }

    @Test
    void invalidEventIsNotStoredAndDoesNotStopAFollowingValidEvent() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Event invalid = Events.valid().setSeverity(9).build();
        Event valid = Events.valid().setSeq(2).build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(invalid);
            stream.send(valid);
            assertEquals(valid.getEventId(), stream.take(WAIT).getAck().getEventId());
            assertNull(stream.poll(Duration.ofMillis(200)));
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", invalid.getEventId()));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", valid.getEventId()));
    }

    @Test
    void screenshotIsOnDiskContentAddressedWhenTheEventIsAcked() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Event event = Events.withScreenshot().build();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Events.ONE_PIXEL_PNG));
        Path expected = dataDir.resolve("screenshots").resolve(sha256.substring(0, 2)).resolve(sha256 + ".png");
        Map<String, Boolean> fileWhenAcked = new ConcurrentHashMap<>();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret(),
                message -> fileWhenAcked.put(message.getAck().getEventId(), Files.exists(expected)))) {
            stream.send(event);
            stream.take(WAIT);
        }
        assertEquals(Boolean.TRUE, fileWhenAcked.get(event.getEventId()));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ? AND screenshot_sha256 = ?"
                + " AND screenshot_media_type = 'image/png'", event.getEventId(), sha256));
    }

    @Test
    void helloAndHeartbeatMarkTheDeviceAsSeen() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(device.getDeviceId())
                    .setAgentVersion("0.2.0").setOs("Linux 6.2").setUser("pupil08")).build());
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
            // an event after them: once it is acked, the earlier messages have been handled
            stream.send(Events.valid().build());
            stream.take(WAIT);
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id = ? AND last_seen_at IS NOT NULL"
                + " AND agent_version = '0.2.0' AND os_user = 'pupil08'", device.getDeviceId()));
    }
}
