package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.console.edge.RateLimit;
import org.vigil.console.ingest.GrpcExecutors;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;
import org.vigil.runtime.Fatal;

/**
 * A flood of new calls from one device never queues in front of an established stream's messages (issue 13: with one
 * handler pool, another device's capture waited 9.4 s behind 10,000 call starts). The real console over real gRPC/TLS,
 * with one of its executors held back as a pool whose threads are all busy would be: while the flood's call starts
 * (or its refusals) wait, another device's capture is still acked. No timing assertion: the ack comes while the
 * flood's work is still waiting, or not at all.
 */
class FloodCallsQueueApartTest {
    /** Generous for a loaded CI machine: with the old single pool the ack never comes while the flood waits. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String TOO_MANY = "this device opens streams faster than an agent does; retry later";

    private final HeldExecutor callStarts = new HeldExecutor(2);
    private final HeldExecutor refusals = new HeldExecutor(1);
    private Path dataDir;
    private Console console;
    private GrpcTestClient client;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("vigil-flood-test");
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), Fatal.exitProcess(),
                new GrpcExecutors(callStarts, GrpcExecutors.bounded().streams(), refusals));
        client = new GrpcTestClient(console);
    }

    @AfterEach
    void stop() throws Exception {
        callStarts.release();
        refusals.release();
        client.close();
        console.close();
        callStarts.close();
        refusals.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anotherDevicesCaptureIsAckedWhileTheFloodsCallStartsWait() throws Exception {
        EnrollResponse flooder = client.enroll(console.mintEnrolmentToken());
        EnrollResponse other = client.enroll(console.mintEnrolmentToken());
        List<DeviceStream> flood = new ArrayList<>();
        try (GrpcTestClient floodClient = new GrpcTestClient(console);
             DeviceStream honest = new DeviceStream(client, other.getDeviceId(), other.getDeviceSecret())) {
            assertAcked(honest, Events.valid().setSeq(1).build());

            callStarts.hold();
            for (int i = 0; i < 64; i++) {
                flood.add(helloFrom(floodClient, flooder));
            }
            waitUntil(WAIT, "the flood's call starts wait at the console", () -> callStarts.waiting() > 0);
            int waiting = callStarts.waiting();
            assertAcked(honest, Events.valid().setSeq(2).build());
            assertTrue(callStarts.waiting() >= waiting, "the ack went past the flood's call starts, which still wait: "
                    + callStarts.waiting() + " of " + waiting);

            callStarts.release();
            DeviceStream live = settled(flood);
            for (DeviceStream older : flood.stream().filter(DeviceStream::hasEnded).toList()) {
                assertEquals(Status.Code.ABORTED, older.awaitEnd(WAIT).getCode(), "replaced by a newer stream");
            }
            assertAcked(live, Events.valid().setSeq(3).build());
        } finally {
            flood.forEach(DeviceStream::close);
        }
    }

    @Test
    void callsOverTheAllowanceWaitOnlyForTheRefusalThreadAndAreRefusedClearly() throws Exception {
        EnrollResponse flooder = client.enroll(console.mintEnrolmentToken());
        EnrollResponse other = client.enroll(console.mintEnrolmentToken());
        EnrollResponse newcomer = client.enroll(console.mintEnrolmentToken());
        List<DeviceStream> flood = new ArrayList<>();
        try (GrpcTestClient floodClient = new GrpcTestClient(console);
             DeviceStream honest = new DeviceStream(client, other.getDeviceId(), other.getDeviceSecret())) {
            assertAcked(honest, Events.valid().setSeq(1).build());

            refusals.hold();
            for (int i = 0; i < RateLimit.DEVICE_STREAMS.burst() + 25; i++) {
                flood.add(helloFrom(floodClient, flooder));
            }
            // the allowance refills one a second, so a few of the 25 may still be let through
            waitUntil(WAIT, "calls over the device's allowance wait for the refusal thread",
                    () -> refusals.waiting() >= 10);
            assertAcked(honest, Events.valid().setSeq(2).build());
            DeviceStream.sendAcked(client, newcomer.getDeviceId(), newcomer.getDeviceSecret(),
                    Events.valid().setSeq(1).build(), WAIT);
            int held = refusals.waiting();
            assertTrue(held >= 10, "the flood's refusals still wait: " + held);

            refusals.release();
            settled(flood);
            int refused = 0;
            for (DeviceStream ended : flood.stream().filter(DeviceStream::hasEnded).toList()) {
                Status status = ended.awaitEnd(WAIT);
                if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    assertEquals(TOO_MANY, status.getDescription());
                    refused++;
                } else {
                    assertEquals(Status.Code.ABORTED, status.getCode(), "replaced by a newer stream: " + status);
                }
            }
            assertTrue(refused >= held, "every call that waited for the refusal thread was refused: " + refused
                    + " of " + held);
        } finally {
            flood.forEach(DeviceStream::close);
        }
    }

    private static DeviceStream helloFrom(GrpcTestClient client, EnrollResponse device) {
        DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("flood")).build());
        return stream;
    }

    private static void assertAcked(DeviceStream stream, Event event) throws InterruptedException {
        stream.send(event);
        assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId(), "acked: " + event.getEventId());
    }

    /** Waits until every stream of the flood but its device's live one has ended, and returns the live one. */
    private static DeviceStream settled(List<DeviceStream> flood) {
        waitUntil(SETTLE, "every flood stream but the live one ended",
                () -> flood.stream().filter(stream -> !stream.hasEnded()).count() == 1);
        return flood.stream().filter(stream -> !stream.hasEnded()).findFirst().orElseThrow();
    }
}
