package org.vigil.console.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/** The bus between console instances (ADR 0172): in one process, and over a real PostgreSQL's LISTEN/NOTIFY. */
class ClusterBusTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void membersOfOneHubHearEachOtherButNeverThemselves() {
        InProcessBus.Hub hub = new InProcessBus.Hub();
        List<ClusterMessage> heardByA = new CopyOnWriteArrayList<>();
        List<ClusterMessage> heardByB = new CopyOnWriteArrayList<>();
        try (InProcessBus a = hub.join(); InProcessBus b = hub.join()) {
            a.subscribe(ClusterMessage.class, heardByA::add);
            b.subscribe(ClusterMessage.CaptureStored.class, heardByB::add);
            a.publish(new ClusterMessage.CaptureStored(42));
            b.publish(new ClusterMessage.PolicyChanged());
            assertEquals(List.of(new ClusterMessage.CaptureStored(42)), heardByB);
            assertEquals(List.of(new ClusterMessage.PolicyChanged()), heardByA);
            assertTrue(a.clustered());
        }
        assertEquals(false, InProcessBus.alone().clustered(), "a SQLite console is alone on its database");
    }

    @Test
    void everyMessageSurvivesItsPayloadAndForeignTextIsRefused() {
        List<ClusterMessage> messages = List.of(new ClusterMessage.PolicyChanged(),
                new ClusterMessage.DeviceRevoked("0b9f4c1e-58a0-4b7a-9a35-0c1f2b6c8d11"),
                new ClusterMessage.CaptureStored(9_000_000_001L),
                new ClusterMessage.StreamTaken("0b9f4c1e-58a0-4b7a-9a35-0c1f2b6c8d11", 7),
                new ClusterMessage.SettingsChanged(Optional.empty()), new ClusterMessage.SettingsChanged(Optional.of(2L)));
        for (ClusterMessage message : messages) {
            String payload = ClusterPayload.encode("c0a1b2c3d4e5f", message);
            assertEquals(Optional.of(new ClusterPayload.Received("c0a1b2c3d4e5f", message)),
                    ClusterPayload.decode(payload), payload);
        }
        for (String foreign : new String[] {"", "c1", "c1 capture", "c1 capture x", "c1 policy extra",
                "c1 revoked a b", "c1 unknown 1", "c 1 capture 2", "c1 stream dev", "c1 revoked <script>",
                "c1 settings x", "c1 settings 0", "c1 settings -3", "c1 settings 2 3"}) {
            assertEquals(Optional.empty(), ClusterPayload.decode(foreign), foreign);
        }
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> new ClusterMessage.DeviceRevoked("I want to hurt myself"));
        assertTrue(text.getMessage().contains("ids only") && !text.getMessage().contains("hurt"), text.getMessage());
    }

    @Test
    void twoInstancesOnOnePostgresqlHearEachOtherAndTheListenerComesBackAfterItsConnectionIsKilled()
            throws Exception {
        Optional<TestPostgres.Server> server = TestPostgres.server();
        assumeTrue(server.isPresent(), TestPostgres::unavailableReason);
        List<ClusterMessage> heardByB = new CopyOnWriteArrayList<>();
        List<ClusterMessage> heardByA = new CopyOnWriteArrayList<>();
        try (TestPostgres.Fresh database = TestPostgres.freshDatabase(server.get());
             Supervisor supervisor = new Supervisor(Fatal.exitProcess(), Clock.systemUTC())) {
            try (PostgresBus a = PostgresBus.start(database.url(), database.credentials(), supervisor, WAIT);
                 PostgresBus b = PostgresBus.start(database.url(), database.credentials(), supervisor, WAIT)) {
                a.subscribe(ClusterMessage.class, heardByA::add);
                b.subscribe(ClusterMessage.class, heardByB::add);
                for (long id = 1; id <= 300; id++) {
                    a.publish(new ClusterMessage.CaptureStored(id));
                }
                waitUntil(WAIT, "B heard all 300", () -> heardByB.size() == 300);
                assertEquals(new ClusterMessage.CaptureStored(300), heardByB.get(299), "in order");
                assertEquals(List.of(), heardByA, "never its own");

                try (Connection admin = DriverManager.getConnection(database.url().jdbcUrl(),
                        database.credentials().user(), database.credentials().password());
                     PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid)"
                             + " FROM pg_stat_activity WHERE application_name LIKE ?")) {
                    kill.setString(1, "vigil-console cluster-listen " + b.instanceId());
                    try (ResultSet killed = kill.executeQuery()) {
                        assertTrue(killed.next() && killed.getBoolean(1), "B's listening connection was killed");
                    }
                }
                // what is sent while B reconnects is lost (the periodic checks make up for it); keep sending
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!heardByB.contains(new ClusterMessage.DeviceRevoked("d1")) && System.nanoTime() < deadline) {
                    a.publish(new ClusterMessage.DeviceRevoked("d1"));
                    Thread.sleep(100);
                }
                assertTrue(heardByB.contains(new ClusterMessage.DeviceRevoked("d1")),
                        "B hears A again after reconnecting");
            }
        }
    }
}
