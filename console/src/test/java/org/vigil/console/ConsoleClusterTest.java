package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.cluster.ClusterMessage;
import org.vigil.console.cluster.PostgresBus;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/**
 * Two console instances on one PostgreSQL (issue 17, ADR 0172/0173), with agents (real gRPC over TLS) on each: what
 * one instance does reaches the agents and browsers of the other.
 */
class ConsoleClusterTest {
    private static final String PASSWORD = "cluster admin passphrase";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final TwoConsoles cluster = new TwoConsoles(PASSWORD, config -> config);
    private static GrpcTestClient toA;
    private static GrpcTestClient toB;

    @BeforeAll
    static void clients() throws Exception {
        toA = new GrpcTestClient(cluster.a());
        toB = new GrpcTestClient(cluster.b());
    }

    @AfterAll
    static void closeClients() throws Exception {
        if (toA != null) {
            toA.close();
            toB.close();
        }
    }

    @Test
    void bothInstancesServeTheSameCaButAreDifferentInstances() {
        assertEquals(cluster.a().caFingerprint(), cluster.b().caFingerprint());
        assertFalse(cluster.a().instanceId().equals(cluster.b().instanceId()));
    }

    @Test
    void aPolicyPublishedOnAReachesAnAgentConnectedToBAndIsAnnouncedOnTheBus() throws Exception {
        List<ClusterMessage> heard = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor = new Supervisor(Fatal.exitProcess(), Clock.systemUTC());
             PostgresBus listener = PostgresBus.start(cluster.choice().postgres().orElseThrow(),
                     cluster.choice().credentials().orElseThrow(), supervisor, WAIT)) {
            listener.subscribe(ClusterMessage.PolicyChanged.class, heard::add);
            EnrollResponse device = toB.enroll(cluster.a().mintEnrolmentToken());
            try (DeviceStream stream = new DeviceStream(toB, device.getDeviceId(), device.getDeviceSecret())) {
                stream.send(hello(cluster.b().policies().current().change().version()));
                waitUntil(WAIT, "the stream open on B", () -> cluster.b().liveStreams() == 1);

                String published = cluster.a().policies().editCategory("gambling", "3 | spin to win\n", "it-alice",
                        Optional.of("cluster test")).current().version();

                ConsoleMessage pushed = stream.take(WAIT);
                assertEquals(published, pushed.getPolicy().getVersion(), "B pushed A's new version to its agent");
                waitUntil(WAIT, "the publish announced on the bus", () -> !heard.isEmpty());
            }
        }
    }

    @Test
    void aCaptureIngestedOnAAppearsInTheLiveQueueOnBWithinASecond() throws Exception {
        // a DSL without two-factor: the fixtures' code helper reads a SQLite file
        cluster.a().services().users().createIfAbsent("dsl-live", new PasswordHasher().hash(PASSWORD), "DSL", false,
                false, Optional.empty());
        WebSession dsl = WebSession.signIn(cluster.b(), "dsl-live", PASSWORD);
        EnrollResponse device = toA.enroll(cluster.a().mintEnrolmentToken());
        try (SseEvents events = SseEvents.open(cluster.b(), dsl.sessionCookie(), "", Map.of())) {
            assertEquals(200, events.status());
            assertEquals("connected", events.next(WAIT).orElseThrow().data(), "B's live queue has the stream");
            Thread.sleep(100); // registered on B's sender thread in the same task, just after that comment
            Event event = Events.valid().setSeverity(5).setMatchedText("cluster row").build();
            DeviceStream.sendAcked(toA, device.getDeviceId(), device.getDeviceSecret(), event, WAIT);
            long acked = System.nanoTime();

            SseEvents.Item item = events.nextEvent(WAIT).orElseThrow();
            long millis = (System.nanoTime() - acked) / 1_000_000;
            assertEquals("capture", item.event());
            assertEquals(String.valueOf(cluster.count("SELECT id FROM captures WHERE event_id = ?",
                    event.getEventId().toLowerCase(Locale.ROOT))), item.id());
            assertTrue(item.data().contains("\"matched\":\"cluster row\""), item.data());
            assertTrue(millis < 1000, "in B's live queue " + millis + " ms after A acked it");
        }
    }

    @Test
    void capturesStoredOnAWhileBsListeningConnectionIsDownStillReachBsLiveQueueOnceEach() throws Exception {
        cluster.a().services().users().createIfAbsent("dsl-gap", new PasswordHasher().hash(PASSWORD), "DSL", false,
                false, Optional.empty());
        WebSession dsl = WebSession.signIn(cluster.b(), "dsl-gap", PASSWORD);
        EnrollResponse device = toA.enroll(cluster.a().mintEnrolmentToken());
        String listening = "vigil-console cluster-listen " + cluster.b().instanceId();
        long newest = cluster.count("SELECT coalesce(max(id), 0) FROM captures");
        try (SseEvents events = SseEvents.open(cluster.b(), dsl.sessionCookie(), "?since=" + newest, Map.of())) {
            assertEquals("connected", events.next(WAIT).orElseThrow().data(), "B's live queue has the stream");
            Event before = Events.valid().setSeverity(4).setMatchedText("before the gap").build();
            DeviceStream.sendAcked(toA, device.getDeviceId(), device.getDeviceSecret(), before, WAIT);
            assertEquals(String.valueOf(cluster.count("SELECT id FROM captures WHERE event_id = ?",
                    before.getEventId().toLowerCase(Locale.ROOT))), events.nextEvent(WAIT).orElseThrow().id(),
                    "heard over the bus");

            assertEquals(1, cluster.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ?", listening), "B's listening connection killed");
            waitUntil(WAIT, "B's listening backend gone", () -> cluster.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", listening) == 0);
            List<String> sent = new CopyOnWriteArrayList<>();
            int inTheGap = 0;
            for (int i = 0; i < 5; i++) {
                Event event = Events.valid().setSeverity(4).setMatchedText("in the gap " + i).build();
                DeviceStream.sendAcked(toA, device.getDeviceId(), device.getDeviceSecret(), event, WAIT);
                sent.add(String.valueOf(cluster.count("SELECT id FROM captures WHERE event_id = ?",
                        event.getEventId().toLowerCase(Locale.ROOT))));
                if (cluster.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
                        listening) == 0) {
                    inTheGap++;
                }
            }
            assertTrue(inTheGap > 0, "at least one capture was stored while B was not listening");

            List<String> received = new CopyOnWriteArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                events.nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                        .filter(item -> item.event().equals("capture")).ifPresent(item -> received.add(item.id()));
            }
            assertEquals(sent, received.stream().sorted((x, y) -> Long.compare(Long.parseLong(x),
                    Long.parseLong(y))).toList(), "every capture of the gap, in B's queue");
            assertTrue(events.nextEvent(Duration.ofMillis(500)).isEmpty(), "and none twice");
        }
    }

    @Test
    void aDeviceThatConnectsToBWhileItHasAStreamOnAEndsTheStreamOnAAndItsHeartbeatsAreRecordedByB()
            throws Exception {
        EnrollResponse device = toA.enroll(cluster.a().mintEnrolmentToken());
        String version = cluster.a().policies().current().change().version();
        try (DeviceStream onA = new DeviceStream(toA, device.getDeviceId(), device.getDeviceSecret())) {
            onA.send(hello(version));
            waitUntil(WAIT, "the device's stream owned by A", () -> cluster.count(
                    "SELECT count(*) FROM device_streams WHERE device_id = ? AND instance_id = ?",
                    device.getDeviceId(), cluster.a().instanceId()) == 1);

            try (DeviceStream onB = new DeviceStream(toB, device.getDeviceId(), device.getDeviceSecret())) {
                onB.send(hello(version));

                Status ended = onA.awaitEnd(WAIT);
                assertEquals(Status.Code.ABORTED, ended.getCode());
                assertEquals("replaced by a newer stream from this device", ended.getDescription());
                assertEquals(1, cluster.count("SELECT count(*) FROM device_streams WHERE device_id = ?"
                        + " AND instance_id = ? AND generation = 2", device.getDeviceId(), cluster.b().instanceId()));
                long before = cluster.count("SELECT last_seen_at FROM devices WHERE id = ?", device.getDeviceId());
                Thread.sleep(20);
                onB.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(7)).build());
                waitUntil(WAIT, "B's heartbeat recorded", () -> cluster.count(
                        "SELECT spool_depth FROM devices WHERE id = ?", device.getDeviceId()) == 7);
                assertTrue(cluster.count("SELECT last_seen_at FROM devices WHERE id = ?", device.getDeviceId())
                        > before, "last seen moved on with B's heartbeat");
                assertFalse(onB.hasEnded(), "the newer stream, on B, stays");
                assertEquals(0, cluster.a().liveStreams());
            }
        }
    }

    @Test
    void devicesArrivingOnBAllAtOnceWhileHoldingStreamsOnAAreAllTakenByBAndEndedOnA() throws Exception {
        int count = 30; // the console allows 32 calls on one connection, and each client here has one
        String version = cluster.a().policies().current().change().version();
        List<EnrollResponse> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(toA.enroll(cluster.a().mintEnrolmentToken()));
        }
        String[] ids = devices.stream().map(EnrollResponse::getDeviceId).toArray(String[]::new);
        List<DeviceStream> onA = new ArrayList<>();
        List<DeviceStream> onB = new ArrayList<>();
        try {
            for (EnrollResponse device : devices) {
                onA.add(new DeviceStream(toA, device.getDeviceId(), device.getDeviceSecret()));
            }
            onA.forEach(stream -> stream.send(hello(version)));
            waitUntil(WAIT, "every device's stream held by A", () -> cluster.count("SELECT count(*) FROM"
                    + " device_streams WHERE instance_id = ? AND device_id = ANY (?)", cluster.a().instanceId(),
                    ids) == count);

            // as after a failure of the balancer's path to A: every agent lands on B at once
            for (EnrollResponse device : devices) {
                onB.add(new DeviceStream(toB, device.getDeviceId(), device.getDeviceSecret()));
            }
            onB.forEach(stream -> stream.send(hello(version)));

            for (DeviceStream stream : onA) {
                Status ended = stream.awaitEnd(WAIT);
                assertEquals(Status.Code.ABORTED, ended.getCode());
                assertEquals("replaced by a newer stream from this device", ended.getDescription());
            }
            waitUntil(WAIT, "every device's stream held by B", () -> cluster.count("SELECT count(*) FROM"
                    + " device_streams WHERE instance_id = ? AND generation = 2 AND device_id = ANY (?)",
                    cluster.b().instanceId(), ids) == count);
            assertTrue(onB.stream().noneMatch(DeviceStream::hasEnded), "the newer streams, on B, stay");
        } finally {
            for (DeviceStream stream : onA) {
                stream.close();
            }
            for (DeviceStream stream : onB) {
                stream.close();
            }
        }
    }

    @Test
    void aDeviceRevokedOnAHasItsStreamOnBEndedAtOnce() throws Exception {
        EnrollResponse device = toB.enroll(cluster.b().mintEnrolmentToken());
        try (DeviceStream onB = new DeviceStream(toB, device.getDeviceId(), device.getDeviceSecret())) {
            onB.send(hello(cluster.b().policies().current().change().version()));
            waitUntil(WAIT, "the stream open on B", () -> cluster.count(
                    "SELECT count(*) FROM device_streams WHERE device_id = ?", device.getDeviceId()) == 1);
            long revoked = System.nanoTime();
            assertTrue(cluster.a().services().revocation().revoke("it-alice", device.getDeviceId(), "lost laptop"));

            Status ended = onB.awaitEnd(WAIT);
            assertEquals(Status.Code.UNAUTHENTICATED, ended.getCode());
            long millis = (System.nanoTime() - revoked) / 1_000_000;
            assertTrue(millis < 1500, "ended " + millis + " ms after A's revocation (B's own check is every 2 s)");
        }
    }

    private static AgentMessage hello(String policyVersion) {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion(policyVersion)).build();
    }
}
