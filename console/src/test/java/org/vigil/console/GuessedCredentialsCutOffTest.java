package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * A client that guesses device credentials, each call with an id and secret of its own, is cut off like a flooding
 * device (issue 13), over real gRPC/TLS on loopback: no allowance refuses it (every guess is a new set of
 * credentials), so its refused guesses count against its connection, which is closed after 32 of them; a real
 * device is acked throughout.
 */
class GuessedCredentialsCutOffTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GUESSES = 300;
    /** AgentConnections.MAX_REFUSALS. */
    private static final int MAX_REFUSALS = 32;

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void aConnectionThatKeepsGuessingCredentialsIsClosed() throws Exception {
        EnrollResponse real = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        List<DeviceStream> guesses = new ArrayList<>();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger connectionsLog = (Logger) LoggerFactory.getLogger("org.vigil.console.ingest.AgentConnections");
        connectionsLog.addAppender(logged);
        try (GrpcTestClient honestClient = new GrpcTestClient(ingest.console());
             GrpcTestClient guessing = new GrpcTestClient(ingest.console());
             DeviceStream honest = new DeviceStream(honestClient, real.getDeviceId(), real.getDeviceSecret())) {
            ack(honest, 1);
            for (int i = 0; i < GUESSES; i++) {
                // the real device's id with a wrong secret, and ids that were never enrolled
                String id = i % 2 == 0 ? real.getDeviceId() : UUID.randomUUID().toString();
                DeviceStream guess = new DeviceStream(guessing, id, "guess-" + UUID.randomUUID());
                guess.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("guess")).build());
                guesses.add(guess);
            }
            waitUntil(Duration.ofSeconds(60), "every guess is answered",
                    () -> guesses.stream().allMatch(DeviceStream::hasEnded));
            Map<Status.Code, Integer> endings = new TreeMap<>();
            for (DeviceStream guess : guesses) {
                endings.merge(guess.awaitEnd(WAIT).getCode(), 1, Integer::sum);
            }
            int unauthenticated = endings.getOrDefault(Status.Code.UNAUTHENTICATED, 0);
            int cut = endings.getOrDefault(Status.Code.UNAVAILABLE, 0);
            // a call cut while its headers were on the wire may end UNKNOWN rather than UNAVAILABLE on the client
            int cutMidCall = endings.getOrDefault(Status.Code.UNKNOWN, 0);
            assertEquals(GUESSES, unauthenticated + cut + cutMidCall, "every guess refused or cut, none served: "
                    + endings);
            assertTrue(cut > 0, "calls queued on a closed connection end with it: " + endings);
            // the client connects again after each cut; per connection the console answers the 32 guesses that cut
            // it and at most the 32 calls already started on it
            long cuts = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("credentials not recognised")).count();
            assertTrue(cuts > 0, "the guessing connection was closed: " + endings);
            assertTrue(unauthenticated <= (cuts + 1) * 2 * MAX_REFUSALS,
                    unauthenticated + " guesses refused one by one over " + cuts + " connections cut: " + endings);
            ack(honest, 2);
        } finally {
            connectionsLog.detachAppender(logged);
            guesses.forEach(DeviceStream::close);
        }
        // the real device was not spent by the guesses at its id: it is served on a stream of its own
        try (GrpcTestClient client = new GrpcTestClient(ingest.console());
             DeviceStream stream = new DeviceStream(client, real.getDeviceId(), real.getDeviceSecret())) {
            ack(stream, 3);
        }
    }

    private static void ack(DeviceStream stream, int seq) throws InterruptedException {
        Event event = Events.valid().setSeq(seq).build();
        stream.send(event);
        assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId(), "the real device is acked");
    }
}
