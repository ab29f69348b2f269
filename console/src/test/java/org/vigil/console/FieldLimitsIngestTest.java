package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.Reject;
import org.vigil.proto.v1.Screenshot;

/**
 * Every string and number a device sends has a limit (issue 13), over real gRPC/TLS and SQLite: an oversized or
 * out-of-range field is refused as INVALID_ARGUMENT naming the field, and nothing of it is stored.
 */
class FieldLimitsIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void everyOversizedOrOutOfRangeEventFieldIsRejectedByNameAndTheStreamCarriesOn() throws Exception {
        EnrollResponse device = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        Map<Event, String> bad = new LinkedHashMap<>();
        bad.put(Events.valid().setWindowTitle("t".repeat(1025)).build(), "window_title has 1025 chars, more than 1024");
        bad.put(Events.valid().setApp("a".repeat(7_000_000 / 8)).build(), "app has 875000 chars, more than 256");
        bad.put(Events.valid().setUser("u".repeat(257)).build(), "user has 257 chars, more than 256");
        bad.put(Events.valid().setRuleId("r".repeat(300)).build(), "rule_id has 300 chars, more than 256");
        bad.put(Events.valid().setCategory("c".repeat(65)).build(), "category has 65 chars, more than 64");
        bad.put(Events.valid().setExplanation("e".repeat(2001)).build(), "explanation has 2001 chars, more than 2000");
        bad.put(Events.valid().setSeq(-1).build(), "seq is negative: -1");
        bad.put(Events.valid().setScreenshot(Screenshot.newBuilder().setWidth(-5)).build(),
                "screenshot.width -5 is outside 0..32768");
        bad.put(Events.valid().setOccurredAt(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build(),
                "occurred_at " + Long.MAX_VALUE + " s is more than a day in the future (is the device's clock right?)");
        Event good = Events.valid().build();
        try (DeviceStream stream = new DeviceStream(ingest.client(), device.getDeviceId(), device.getDeviceSecret())) {
            bad.keySet().forEach(stream::send);
            stream.send(good);
            for (Map.Entry<Event, String> entry : bad.entrySet()) {
                Reject reject = stream.take(WAIT).getReject();
                assertEquals(entry.getKey().getEventId(), reject.getEventId());
                assertEquals("INVALID_ARGUMENT " + entry.getValue(), reject.getCode() + " " + reject.getReason());
            }
            assertEquals(good.getEventId(), stream.take(WAIT).getAck().getEventId());
        }
        assertEquals(1, Db.count(ingest.dataDir(), "SELECT count(*) FROM captures WHERE device_id = ?", device.getDeviceId()));
    }

    @Test
    void aCategoryThePolicyDoesNotKnowIsRejectedComparedExactly() throws Exception {
        EnrollResponse device = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        Event shouting = Events.valid().setCategory("Sexual-Content").build();
        Event invented = Events.valid().setCategory("made-up").build();
        Event known = Events.valid().setCategory("sexual-content").build();
        try (DeviceStream stream = new DeviceStream(ingest.client(), device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(shouting);
            stream.send(invented);
            stream.send(known);
            assertEquals("INVALID_ARGUMENT category \"Sexual-Content\" is not one the policy knows",
                    reason(stream.take(WAIT).getReject()));
            assertEquals("INVALID_ARGUMENT category \"made-up\" is not one the policy knows",
                    reason(stream.take(WAIT).getReject()));
            assertEquals(known.getEventId(), stream.take(WAIT).getAck().getEventId());
        }
        assertEquals(0, Db.count(ingest.dataDir(), "SELECT count(*) FROM captures WHERE category <> 'sexual-content'"
                + " AND device_id = ?", device.getDeviceId()));
    }

    private static String reason(Reject reject) {
        return reject.getCode() + " " + reject.getReason();
    }

    @Test
    void aHelloWithAnOversizedFieldEndsTheStreamNamingItAndChangesNothing() throws Exception {
        EnrollResponse device = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(ingest.client(), device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setOs("L".repeat(10_000))
                    .setAgentVersion("9.9.9")).build());
            Status status = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
            assertEquals("hello.os has 10000 chars, more than 256", status.getDescription());
        }
        assertEquals("Linux 6.1", Db.text(ingest.dataDir(), "SELECT os FROM devices WHERE id = ?", device.getDeviceId()));
    }

    @Test
    void aHeartbeatWithANegativeCountOrTooManyWorkersEndsTheStream() throws Exception {
        EnrollResponse device = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        Map<Heartbeat, String> bad = new LinkedHashMap<>();
        bad.put(Heartbeat.newBuilder().setSpoolDepth(-3).build(), "heartbeat.spool_depth is negative: -3");
        Monitoring.Builder many = Monitoring.newBuilder();
        for (int i = 0; i < 33; i++) {
            many.addDeadWorkers("worker-" + i);
        }
        bad.put(Heartbeat.newBuilder().setMonitoring(many).build(),
                "heartbeat.monitoring.dead_workers names 33 workers, more than 32");
        for (Map.Entry<Heartbeat, String> entry : bad.entrySet()) {
            try (DeviceStream stream = new DeviceStream(ingest.client(), device.getDeviceId(), device.getDeviceSecret())) {
                stream.send(AgentMessage.newBuilder().setHeartbeat(entry.getKey()).build());
                Status status = stream.awaitEnd(WAIT);
                assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
                assertEquals(entry.getValue(), status.getDescription());
            }
        }
    }

    @Test
    void anEnrolmentWithAnOversizedHostnameIsRefusedAndMakesNoDevice() {
        long before = Db.count(ingest.dataDir(), "SELECT count(*) FROM devices");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ingest.client().enroll(
                EnrollRequest.newBuilder().setEnrolmentToken(ingest.console().mintEnrolmentToken())
                        .setHostname("h".repeat(7_000_000 / 8)).setOs("Linux").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals("hostname has 875000 chars, more than 256", refused.getStatus().getDescription());
        assertEquals(before, Db.count(ingest.dataDir(), "SELECT count(*) FROM devices"));
    }
}
