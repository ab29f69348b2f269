package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ConnectivityState;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.vigil.console.edge.RateLimit;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * A device that floods the console with streams is cut off whole, over real gRPC/TLS on loopback (issue 13): its
 * connection is closed once {@code AgentConnections.MAX_REFUSALS} new streams have been refused on it, so its client
 * must connect again (a TLS handshake) for each 32 more refusals instead of being served them one round trip at a
 * time for as long as it likes; a device holds at most two
 * connections (a third closes its oldest); another device is acked throughout; and the flooder, once it stops, is
 * served again on a single stream as an agent would open it.
 */
class FloodingConnectionCutOffTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int STREAMS = 1_000;
    /** AgentConnections.MAX_REFUSALS: a connection's 32 calls. */
    private static final int MAX_REFUSALS = 32;

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void aFloodingConnectionIsClosedWholeAndTheDeviceIsServedAgainAfterwards() throws Exception {
        EnrollResponse flooder = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        EnrollResponse other = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        List<DeviceStream> flood = new ArrayList<>();
        int seq = 1;
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger connectionsLog = (Logger) LoggerFactory.getLogger("org.vigil.console.ingest.AgentConnections");
        connectionsLog.addAppender(logged);
        try (GrpcTestClient honestClient = new GrpcTestClient(ingest.console());
             GrpcTestClient floodClient = new GrpcTestClient(ingest.console());
             DeviceStream honest = new DeviceStream(honestClient, other.getDeviceId(), other.getDeviceSecret())) {
            seq = ack(honest, seq);
            for (int i = 0; i < STREAMS; i++) {
                DeviceStream stream = new DeviceStream(floodClient, flooder.getDeviceId(), flooder.getDeviceSecret());
                stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("flood-" + i))
                        .build());
                flood.add(stream);
            }
            seq = ack(honest, seq);
            waitUntil(Duration.ofSeconds(60), "the flooding connection is cut off",
                    () -> flood.stream().filter(DeviceStream::hasEnded).anyMatch(stream -> ended(stream)
                            == Status.Code.UNAVAILABLE));
            Thread.sleep(2_000); // what the client does next is its own affair: the console has done its part
            Map<String, Integer> endings = new TreeMap<>();
            for (DeviceStream stream : flood) {
                endings.merge(stream.hasEnded() ? ended(stream).name() : "queued in the client", 1, Integer::sum);
            }
            // the client's channel connects again after each cut (a new TLS handshake) and goes on: what the console
            // promises is per connection, so the refusals are bounded by the connections it cut for them: on each, the
            // 32 that cut it and at most the 32 calls already started on it when it closes
            long cuts = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("new streams refused on it")).count();
            int refusedOneByOne = endings.getOrDefault(Status.Code.RESOURCE_EXHAUSTED.name(), 0);
            assertTrue(cuts > 0, "the flooding connection was cut: " + endings);
            assertTrue(refusedOneByOne <= (cuts + 1) * 2 * MAX_REFUSALS, "a connection is closed after "
                    + MAX_REFUSALS + " refusals, not served hundreds one by one: " + refusedOneByOne + " refused over "
                    + cuts + " connections cut, " + endings);
            assertTrue(endings.getOrDefault(Status.Code.UNAVAILABLE.name(), 0) > 0, endings.toString());
            seq = ack(honest, seq);
        } finally {
            connectionsLog.detachAppender(logged);
            flood.forEach(DeviceStream::close);
        }

        // the flooder stops and comes back as an agent does, one stream per connection; a third connection at once
        // closes its oldest
        try (GrpcTestClient first = new GrpcTestClient(ingest.console());
             GrpcTestClient second = new GrpcTestClient(ingest.console());
             GrpcTestClient third = new GrpcTestClient(ingest.console())) {
            DeviceStream onFirst = servedEventually(first, flooder, 100);
            DeviceStream onSecond = servedEventually(second, flooder, 200);
            assertEquals(Status.Code.ABORTED, onFirst.awaitEnd(WAIT).getCode(), "replaced by the newer stream");
            assertEquals(ConnectivityState.READY, first.state(), "two connections are allowed");
            DeviceStream onThird = servedEventually(third, flooder, 300);
            waitUntil(WAIT, "the device's oldest connection is closed", () -> first.state() != ConnectivityState.READY);
            assertEquals(ConnectivityState.READY, third.state());
            assertEquals(Status.Code.ABORTED, onSecond.awaitEnd(WAIT).getCode());
            Event event = Events.valid().setSeq(301).build();
            onThird.send(event);
            assertEquals(event.getEventId(), onThird.take(WAIT).getAck().getEventId(),
                    "the device's one stream is served");
            onThird.close();
        }
    }

    private static Status.Code ended(DeviceStream stream) {
        try {
            return stream.awaitEnd(WAIT).getCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int ack(DeviceStream honest, int seq) throws InterruptedException {
        Event event = Events.valid().setSeq(seq).build();
        honest.send(event);
        ConsoleMessage answer = honest.take(WAIT);
        assertEquals(event.getEventId(), answer.getAck().getEventId(), "another device is acked: " + answer);
        return seq + 1;
    }

    /**
     * A stream that has had an event acked, retried as an agent retries a refused one (its allowance refills one
     * stream a second after a flood).
     */
    private static DeviceStream servedEventually(GrpcTestClient client, EnrollResponse device, int seq)
            throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
            Event event = Events.valid().setSeq(seq).build();
            stream.send(event);
            ConsoleMessage answer = stream.poll(Duration.ofSeconds(5));
            if (answer != null && answer.hasAck() && answer.getAck().getEventId().equals(event.getEventId())) {
                return stream;
            }
            Status ended = stream.hasEnded() ? stream.awaitEnd(WAIT) : Status.DEADLINE_EXCEEDED;
            stream.close();
            assertTrue(System.nanoTime() < until, "the device is served again after its flood: last " + ended);
            Thread.sleep(1_000);
        }
    }
}
