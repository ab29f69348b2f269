package org.vigil.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.agent.policy.PolicyReceiver;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.RecordingConsole;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.Supervisor;

/** The real spool file and a real gRPC/TLS stream to a recording console on loopback. */
class DeliveryTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", RecordingConsole.HOSTNAME);
    private static final DeviceCredentials DEVICE = new DeviceCredentials(RecordingConsole.DEVICE_ID, "s3cret");

    @TempDir
    Path dataDir;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger deliveryLog = (Logger) LoggerFactory.getLogger(Delivery.class);
    private RecordingConsole console;
    private ManagedChannel channel;
    private Spool spool;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        deliveryLog.addAppender(logged);
        console = RecordingConsole.start(CA);
        channel = ConsoleChannels.open(console.address(), CertificateFingerprint.of(CA.cert()));
        spool = Spool.open(dataDir, Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES);
    }

    @AfterEach
    void stop() {
        supervisor.close();
        channel.shutdownNow();
        console.close();
        spool.close();
        deliveryLog.detachAppender(logged);
    }

    @Test
    void anAcknowledgedEventTheSpoolCannotRemoveIsLoggedAndTheWindowStillRefills() throws Exception {
        refuseDeletesOf("e-1");
        console.ackOnly("e-1"::equals);
        try (Delivery delivery = delivery()) {
            IntStream.rangeClosed(1, Delivery.WINDOW + 1).forEach(i -> delivery.submit(event("e-" + i)));
            delivery.start(DEVICE);

            // the window was full with e-1..e-64; only e-1's ack, whose removal fails, makes room for e-65
            waitUntil(Duration.ofSeconds(10), "the event after a full window sent once e-1 was acknowledged",
                    () -> console.eventIds().contains("e-" + (Delivery.WINDOW + 1)));
            console.ackEverything();
            delivery.submit(event("later"));
            waitUntil(Duration.ofSeconds(10), "every other event acknowledged, one submitted afterwards too",
                    () -> console.eventIds().contains("later") && spool.depth() == 1);
        }
        assertTrue(errors().stream().anyMatch(line -> line.contains("capture e-1 was answered by the console but "
                + "stays in the spool") && line.contains("disk refused the delete")), "logged: " + errors());
        assertEquals("e-1", spool.after(0, 10).get(0).event().getEventId(),
                "e-1 stays, to be sent again after a reconnect");
        assertEquals(0, supervisor.health().stream().filter(worker -> worker.name().equals("vigil-delivery"))
                .findFirst().orElseThrow().failures(), "the failure was handled on the stream's thread");
    }

    @Test
    void helloAndHeartbeatsCarryWhatTheSessionReports() throws Exception {
        Monitoring hearing = Monitoring.newBuilder().setHookRegistered(true).build();
        try (Delivery delivery = new Delivery(channel, console.address(), spool, AGENT, Backoff.standard(),
                Clock.systemUTC(), Duration.ofMillis(50), PolicyReceiver.NONE, () -> hearing, supervisor)) {
            delivery.start(DEVICE);
            waitUntil(Duration.ofSeconds(10), "a heartbeat", () -> !console.heartbeats().isEmpty());
        }
        assertEquals(hearing, console.hellos().get(0).getMonitoring());
        assertEquals(hearing, console.heartbeats().get(0).getMonitoring());
    }

    private Delivery delivery() {
        return new Delivery(channel, console.address(), spool, AGENT, Backoff.standard(), Clock.systemUTC(),
                Delivery.HEARTBEAT, PolicyReceiver.NONE, Monitoring::getDefaultInstance, supervisor);
    }

    /** A real fault in the real spool file: SQLite itself refuses to delete that event. */
    private void refuseDeletesOf(String eventId) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + spool.file());
             Statement statement = db.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_delete BEFORE DELETE ON events WHEN OLD.event_id = '"
                    + eventId + "' BEGIN SELECT RAISE(ABORT, 'disk refused the delete'); END");
        }
    }

    private List<String> errors() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Event event(String id) {
        return Event.newBuilder().setEventId(id).setCategory("bullying").setSeverity(3).setRuleId("bullying.txt:1")
                .build();
    }
}
