package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * A Hello is queued with the heartbeats and written in their batch, never on the stream's thread (issue 13: each
 * was a synced write of its own, so thousands of streams from one device held the write lock away from capture
 * batches and another device's acks waited 19.6 s). Over real gRPC/TLS against the real SQLite file.
 */
class HelloOffTheHotPathTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Far below the database's busy timeout: a Hello that waited for the write lock would miss it. */
    private static final Duration NO_WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void aHelloIsAnsweredWhileSomeoneElseHoldsTheDatabasesWriteLock() throws Exception {
        EnrollResponse device = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        try (Connection outsider = DriverManager.getConnection("jdbc:sqlite:"
                + ingest.dataDir().resolve("vigil.db"));
             Statement lock = outsider.createStatement();
             DeviceStream stream = new DeviceStream(ingest.client(), device.getDeviceId(),
                     device.getDeviceSecret())) {
            lock.execute("BEGIN IMMEDIATE");
            try {
                stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("9.9")
                        .setPolicyVersion("an-old-version")).build());
                ConsoleMessage answer = stream.take(NO_WAIT);
                assertTrue(answer.hasPolicy(), "the Hello was answered with the policy at once: " + answer);
            } finally {
                lock.execute("ROLLBACK");
            }
            waitUntil(WAIT, "the Hello is recorded in the next batch once the lock is free",
                    () -> "9.9".equals(Db.text(ingest.dataDir(), "SELECT agent_version FROM devices WHERE id = ?",
                            device.getDeviceId())));
        }
    }

    @Test
    void aHelloStormDoesNotHoldUpAnotherDevicesAcks() throws Exception {
        EnrollResponse stormy = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        EnrollResponse honest = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        try (DeviceStream other = new DeviceStream(ingest.client(), honest.getDeviceId(),
                honest.getDeviceSecret());
             DeviceStream live = new DeviceStream(ingest.client(), stormy.getDeviceId(), stormy.getDeviceSecret())) {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 200; i++) {
                    live.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("storm-" + i)
                            .setSpoolDepth(i)).build());
                }
                Event event = Events.valid().setSeq(round + 1).build();
                other.send(event);
                assertEquals(event.getEventId(), other.take(NO_WAIT).getAck().getEventId(),
                        "another device's capture is acked within " + NO_WAIT + " during the storm, round " + round);
            }
            waitUntil(WAIT, "the storm's last Hello is recorded in a batch",
                    () -> "199".equals(Db.text(ingest.dataDir(), "SELECT spool_depth FROM devices WHERE id = ?",
                            stormy.getDeviceId())));
        }
    }
}
