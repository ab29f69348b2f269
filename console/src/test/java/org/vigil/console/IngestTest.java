package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.Reject;
import org.vigil.proto.v1.SpoolDrops;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;

class IngestTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
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
        assertEquals("enrolment token is unknown, expired, revoked or used by its maximum of devices", e.getStatus().getDescription());
    }

    @Test
    void enrolWithAnExpiredTokenIsRefused() {
        String expired = console.services().tokenRepository().mint(Duration.ZERO, "expired on purpose");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.enroll(expired));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("enrolment token is unknown, expired, revoked or used by its maximum of devices", e.getStatus().getDescription());
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
    void twoHitsFromOneLineAreTwoCapturesSharingOneScreenshotAndEachResendIsStoredOnce() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        String line = "kys. i have cuts on my wrists again";
        Event kys = Events.withScreenshot().setSeq(1).setCategory("bullying").setSeverity(5).setRuleId("bullying.txt:7")
                .setMatchedText("kys").setContext(line).setMatchStart(0).setMatchEnd(3).build();
        Event cuts = Events.withScreenshot().setSeq(2).setRuleId("self-harm.txt:106")
                .setMatchedText("cuts on my wrists").setContext(line).setMatchStart(12).setMatchEnd(29).build();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Events.ONE_PIXEL_PNG));
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            for (Event event : new Event[] {kys, cuts, kys, cuts}) {
                stream.send(event);
                assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId());
            }
        }
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ? AND context = ?"
                + " AND screenshot_sha256 = ?", device.getDeviceId(), line, sha256));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ? AND category = 'bullying'",
                kys.getEventId()));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?"
                + " AND matched_text = 'cuts on my wrists'", cuts.getEventId()));
        try (Stream<Path> files = Files.list(dataDir.resolve("screenshots").resolve(sha256.substring(0, 2)))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(sha256)).count());
        }
    }

    @Test
    void invalidEventIsNotStoredAndDoesNotStopAFollowingValidEvent() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Event invalid = Events.valid().setSeverity(9).build();
        Event valid = Events.valid().setSeq(2).build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(invalid);
            stream.send(valid);
            Reject reject = stream.take(WAIT).getReject();
            assertEquals(invalid.getEventId(), reject.getEventId());
            assertEquals("INVALID_ARGUMENT", reject.getCode());
            assertEquals("severity 9 is outside 1..5", reject.getReason());
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
            // both are written in the next heartbeat batch (a Hello is never a write of its own: issue 13)
            waitUntil(WAIT, "the Hello and heartbeat are recorded", () -> Db.count(dataDir,
                    "SELECT count(*) FROM devices WHERE id = ? AND last_seen_at IS NOT NULL"
                    + " AND agent_version = '0.2.0' AND os_user = 'pupil08'", device.getDeviceId()) == 1);
        }
    }

    @Test
    void malformedAndOversizeEventsAreRejectedWithTheRightCodeAndTheStreamCarriesOn() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        Instant farFuture = Instant.now().plus(Duration.ofDays(30));
        Map<Event, String> bad = new LinkedHashMap<>();
        bad.put(Events.valid().clearOccurredAt().build(), "INVALID_ARGUMENT occurred_at is missing");
        bad.put(Events.valid().setOccurredAt(Timestamp.newBuilder().setSeconds(farFuture.getEpochSecond())).build(),
                "INVALID_ARGUMENT occurred_at " + farFuture.getEpochSecond()
                        + " s is more than a day in the future (is the device's clock right?)");
        bad.put(Events.valid().setEventId("not-a-uuid").build(), "INVALID_ARGUMENT event_id is not a UUID");
        bad.put(Events.valid().setContext("x".repeat(5000)).build(),
                "RESOURCE_EXHAUSTED context has 5000 chars, more than 1000");
        bad.put(Events.valid().setMatchedText("k".repeat(601)).build(),
                "RESOURCE_EXHAUSTED matched_text has 601 chars, more than 600");
        Event good = Events.valid().build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            bad.keySet().forEach(stream::send);
            stream.send(good);
            for (Map.Entry<Event, String> entry : bad.entrySet()) {
                Reject reject = stream.take(WAIT).getReject();
                assertEquals(entry.getKey().getEventId(), reject.getEventId());
                assertEquals(entry.getValue(), reject.getCode() + " " + reject.getReason());
            }
            assertEquals(good.getEventId(), stream.take(WAIT).getAck().getEventId());
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ?", device.getDeviceId()));
        assertEquals(5, Db.count(dataDir, "SELECT events_rejected FROM devices WHERE id = ?", device.getDeviceId()));
    }

    @Test
    void anEventIdAnotherDeviceUsedFirstDoesNotPreemptThisDevicesEvent() throws Exception {
        EnrollResponse attacker = client.enroll(console.mintEnrolmentToken());
        EnrollResponse victim = client.enroll(console.mintEnrolmentToken());
        Event preempting = Events.valid().setMatchedText("hurt").setContext("hurt").setMatchStart(0).setMatchEnd(4)
                .build();
        Event real = Events.valid().setEventId(preempting.getEventId()).build();
        DeviceStream.sendAcked(client, attacker.getDeviceId(), attacker.getDeviceSecret(), preempting, WAIT);
        DeviceStream.sendAcked(client, victim.getDeviceId(), victim.getDeviceSecret(), real, WAIT);

        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ? AND event_id = ?",
                victim.getDeviceId(), real.getEventId()), "the victim's own event is stored");
        assertEquals(real.getContext(), Db.text(dataDir, "SELECT context FROM captures WHERE device_id = ?",
                victim.getDeviceId()));
    }

    @Test
    void aHelloNamingAnotherDeviceEndsTheStreamWithInvalidArgument() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        EnrollResponse other = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(other.getDeviceId())
                    .setAgentVersion("9.9.9")).build());
            Status status = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
            assertEquals("Hello names device " + other.getDeviceId() + " but the call's credentials are for device "
                    + device.getDeviceId(), status.getDescription());
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id = ? AND agent_version = '9.9.9'",
                device.getDeviceId()));
    }

    @Test
    void manyEventsOnOneStreamAreEachAckedOnceStored() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        int n = 500;
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Event event = Events.valid().setSeq(i).build();
                sent.add(event.getEventId());
                stream.send(event);
            }
            Set<String> acked = new HashSet<>();
            while (acked.size() < n) {
                acked.add(stream.take(WAIT).getAck().getEventId());
            }
            assertEquals(sent, acked);
        }
        assertEquals(n, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ?", device.getDeviceId()));
    }

    @Test
    void aHelloFromAnAgentThatEnrolledAgainIsLoggedWithTheIdItHadBefore() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger streamLog = (Logger) LoggerFactory.getLogger("org.vigil.console.ingest.DeviceStream");
        streamLog.addAppender(logged);
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(device.getDeviceId())
                    .setReplacesDeviceId("device-from-before")).build());
            // once the event after it is acked, the Hello has been handled
            stream.send(Events.valid().build());
            stream.take(WAIT);
        } finally {
            streamLog.detachAppender(logged);
        }
        assertTrue(logged.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.equals(
                "Device " + device.getDeviceId() + " re-enrolled: it was device device-from-before")),
                "logged: " + logged.list);
    }

    @Test
    void helloAndHeartbeatRecordSpoolDepthAndDrops() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(device.getDeviceId())
                    .setSpoolDepth(40).setDrops(SpoolDrops.newBuilder().setScreenshots(3))).build());
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(7)
                    .setDrops(SpoolDrops.newBuilder().setScreenshots(5).setEvents(2))).build());
            // Heartbeats are written in batches, within a fraction of a second.
            waitUntil(WAIT, "the heartbeat is recorded", () -> Db.count(dataDir, "SELECT count(*) FROM devices"
                    + " WHERE id = ? AND spool_depth = 7 AND screenshots_dropped = 5 AND events_dropped = 2",
                    device.getDeviceId()) == 1);
        }
    }

    @Test
    void helloAndHeartbeatRecordWhetherTheAgentIsMonitoring() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        String id = device.getDeviceId();
        Instant typed = Instant.parse("2026-11-30T09:15:00.250Z");
        try (DeviceStream stream = new DeviceStream(client, id, device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setMonitoring(Monitoring.newBuilder()
                    .setHookRegistered(true).setLastSignalAt(Timestamp.newBuilder()
                            .setSeconds(typed.getEpochSecond()).setNanos(typed.getNano())))).build());
            waitUntil(WAIT, "the Hello's monitoring is recorded", () -> Db.count(dataDir, "SELECT count(*) FROM devices"
                    + " WHERE id = ? AND hook_registered = 1 AND last_signal_at = ? AND dead_workers = ''", id,
                    typed.toEpochMilli()) == 1);

            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setMonitoring(
                    Monitoring.newBuilder().setHookRegistered(false).addDeadWorkers("vigil-typing")
                            .addDeadWorkers("line\nbreak\u0000" + "x".repeat(200)))).build());
            waitUntil(WAIT, "the heartbeat's monitoring is recorded", () -> Db.count(dataDir, "SELECT count(*)"
                    + " FROM devices WHERE id = ? AND hook_registered = 0 AND last_signal_at IS NULL", id) == 1);
            assertEquals("vigil-typing\nlinebreak" + "x".repeat(151),
                    Db.text(dataDir, "SELECT dead_workers FROM devices WHERE id = ?", id),
                    "one name a line, without control characters, 160 characters at most");

            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(9)).build());
            waitUntil(WAIT, "the next heartbeat is recorded", () -> Db.count(dataDir, "SELECT count(*) FROM devices"
                    + " WHERE id = ? AND spool_depth = 9", id) == 1);
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id = ? AND hook_registered = 0",
                    id), "a heartbeat that says nothing about monitoring keeps what was said");
        }
    }

    @Test
    void anAgentThatNeverSaysLeavesMonitoringUnknown() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setSpoolDepth(2)).build());
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(3)).build());
            waitUntil(WAIT, "the heartbeat is recorded", () -> Db.count(dataDir, "SELECT count(*) FROM devices"
                    + " WHERE id = ? AND spool_depth = 3", device.getDeviceId()) == 1);
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id = ? AND hook_registered IS NULL"
                + " AND last_signal_at IS NULL AND dead_workers IS NULL", device.getDeviceId()));
    }

    @Test
    void revokingADeviceEndsItsLiveStreamAtOnceWithUnauthenticated() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(Events.valid().build());
            stream.take(WAIT);
            assertTrue(console.services().revocation().revoke("it-test", device.getDeviceId(), "lost on a school trip"));
            Status status = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
            assertEquals("this device has been revoked: enrol it again to resume monitoring", status.getDescription());
        }
        try (DeviceStream again = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            again.send(Events.valid().build());
            assertEquals(Status.Code.UNAUTHENTICATED, again.awaitEnd(WAIT).getCode());
        }
    }

    @Test
    void aRevocationWrittenByAnotherProcessEndsTheLiveStreamWithinSeconds() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(Events.valid().build());
            stream.take(WAIT);
            // as the CLI does: straight to the database, without telling the running console
            new DeviceRepository(Database.open(dataDir.resolve("vigil.db")), Clock.systemUTC())
                    .revoke(device.getDeviceId());
            assertEquals(Status.Code.UNAUTHENTICATED, stream.awaitEnd(WAIT).getCode());
        }
    }

    @Test
    void anEventSentAfterTheRevocationCommittedIsNeitherStoredNorAckedEvenBeforeTheStreamIsEnded() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(Events.valid().build());
            stream.take(WAIT);
            // as the CLI does, so the running console has not yet ended the stream when the next event arrives
            try (Database other = Database.open(dataDir.resolve("vigil.db"))) {
                new DeviceRepository(other, Clock.systemUTC()).revoke(device.getDeviceId());
            }
            Event afterRevocation = Events.valid().setSeq(2).build();
            stream.send(afterRevocation);
            assertEquals(Status.Code.UNAUTHENTICATED, stream.awaitEnd(WAIT).getCode());
            assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?",
                    afterRevocation.getEventId()), "not stored: the agent keeps it, unacked");
        }
    }

    @Test
    void reEnrollingAWipedDeviceMakesANewRecordAndKeepsTheOldHistory() throws Exception {
        EnrollResponse before = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, before.getDeviceId(), before.getDeviceSecret())) {
            stream.send(Events.valid().build());
            stream.take(WAIT);
        }
        EnrollResponse after = client.enroll(console.mintEnrolmentToken());
        assertNotEquals(before.getDeviceId(), after.getDeviceId());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE device_id = ?", before.getDeviceId()));
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM devices WHERE id IN (?, ?)", before.getDeviceId(),
                after.getDeviceId()));
    }
}
