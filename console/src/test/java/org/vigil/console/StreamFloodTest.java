package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * One enrolled device opening stream after stream (issue 13: 5,000 took the console from 125 to 3,462 threads and
 * stalled another device's acks), over real gRPC/TLS: each new stream replaces the device's older one, so it never
 * holds more than one; the console's threads stay bounded; another device's events are acked meanwhile.
 */
class StreamFloodTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int STREAMS = 100;
    /** Each new stream is a TLS call with its own authentication: on a busy CI machine a hundred take a while. */
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void aDeviceOpeningManyStreamsHoldsOneAndTheConsoleCarriesOn() throws Exception {
        EnrollResponse flooder = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        EnrollResponse other = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        int threadsBefore = Thread.activeCount();
        List<DeviceStream> flood = new ArrayList<>();
        try (DeviceStream honest = new DeviceStream(ingest.client(), other.getDeviceId(), other.getDeviceSecret())) {
            for (int i = 0; i < STREAMS; i++) {
                DeviceStream stream = new DeviceStream(ingest.client(), flooder.getDeviceId(), flooder.getDeviceSecret());
                stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("flood")).build());
                flood.add(stream);
                if (i % 25 == 0) {
                    Event event = Events.valid().setSeq(i + 1).build();
                    honest.send(event);
                    assertEquals(event.getEventId(), honest.take(WAIT).getAck().getEventId(),
                            "another device's events are acked during the flood");
                }
            }
            waitUntil(SETTLE, "one flood stream and the honest one are live",
                    () -> ingest.console().liveStreams() == 2);
            // calls queued on the client start in their own order: the live one is the one the console never ended
            waitUntil(SETTLE, "every other flood stream ended",
                    () -> flood.stream().filter(stream -> !stream.hasEnded()).count() == 1);
            DeviceStream live = flood.stream().filter(stream -> !stream.hasEnded()).findFirst().orElseThrow();
            for (DeviceStream older : flood.stream().filter(DeviceStream::hasEnded).toList()) {
                Status ended = older.awaitEnd(WAIT);
                assertEquals(Status.Code.ABORTED, ended.getCode());
                assertEquals("replaced by a newer stream from this device", ended.getDescription());
            }
            Event last = Events.valid().setSeq(STREAMS + 1).build();
            live.send(last);
            assertEquals(last.getEventId(), live.take(WAIT).getAck().getEventId(), "the live stream works");
            int threadsAfter = Thread.activeCount();
            assertTrue(threadsAfter - threadsBefore < 100, "threads bounded: " + threadsBefore + " -> " + threadsAfter);
        } finally {
            flood.forEach(DeviceStream::close);
        }
    }
}
