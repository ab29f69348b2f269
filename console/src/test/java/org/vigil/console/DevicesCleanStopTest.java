package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.DevicesCommand;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Stopping;

/**
 * An agent's Stopping over real gRPC/TLS into a real console: the device shows as stopped cleanly (with why) on
 * /devices and in {@code devices list} until it is heard from again.
 */
class DevicesCleanStopTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>window.pwned=1</script>";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;
    private static SeededDevices seeded;
    private static WebSession it;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        client = new GrpcTestClient(console);
        seeded = new SeededDevices(console, dataDir, client);
        it = WebSession.newUser(console, WebSession.signIn(console, "admin", PASSWORD), "it-admin", "IT_ADMIN");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        console.close();
    }

    @Test
    void aDeviceThatSaysItIsStoppingIsStoppedCleanlyWithItsReasonUntilItsNextHello() throws Exception {
        EnrollResponse device = seeded.enrolled("lab-pc-07");
        String id = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            // a heartbeat written late must not undo the stop that follows it
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(2)).build());
            stream.send(AgentMessage.newBuilder().setStopping(Stopping.newBuilder().setReason("user logged out"))
                    .build());
            waitUntil(WAIT, "the stop recorded",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id) != null);
        }
        Thread.sleep(500); // longer than the heartbeat writer's period
        assertEquals("user logged out", Db.text(dataDir, "SELECT stop_reason FROM devices WHERE id = ?", id));
        assertEquals("2", Db.text(dataDir, "SELECT spool_depth FROM devices WHERE id = ?", id),
                "the heartbeat before it was recorded too");

        String page = it.get("/devices").body();
        String row = row(page, id);
        assertTrue(row.contains("data-state=\"STOPPED\""), row);
        assertTrue(row.contains(">stopped cleanly</span>"), row);
        assertTrue(row.contains("Stopped cleanly at ") && row.contains(": user logged out</span>"), row);
        assertTrue(page.matches("(?s).*>[1-9][0-9]* stopped cleanly</span>.*"), "counted in the summary");
        assertTrue(it.get("/devices?show=stopped").body().contains("data-device=\"" + id + "\""));
        assertFalse(it.get("/devices?show=silent").body().contains("data-device=\"" + id + "\""));
        assertTrue(listLine(id).startsWith(id + "\tSTOPPED\t"), listLine(id));

        try (DeviceStream again = seeded.connected(device, Hello.getDefaultInstance())) {
            waitUntil(WAIT, "a Hello clears it",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id) == null);
        }
        assertNull(Db.text(dataDir, "SELECT stop_reason FROM devices WHERE id = ?", id));
        assertTrue(row(it.get("/devices").body(), id).contains("data-state=\"ACTIVE\""));
        assertTrue(listLine(id).startsWith(id + "\tok\t"), listLine(id));
    }

    @Test
    void aHeartbeatAfterAStopOnTheSameStreamClearsIt() throws Exception {
        EnrollResponse device = seeded.enrolled("lab-pc-08");
        String id = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            stream.send(AgentMessage.newBuilder().setStopping(Stopping.newBuilder().setReason("shutdown")).build());
            waitUntil(WAIT, "the stop recorded",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id) != null);
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
            waitUntil(WAIT, "the heartbeat clears it",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id) == null);
        }
    }

    @Test
    void aReasonLongerThanTheContractAllowsEndsTheStreamAndRecordsNothing() throws Exception {
        EnrollResponse device = seeded.enrolled("lab-pc-09");
        String id = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            stream.send(AgentMessage.newBuilder().setStopping(Stopping.newBuilder()
                    .setReason("x".repeat(WireNames.MAX_STOP_REASON_CHARS + 1))).build());
            Status ended = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, ended.getCode());
            assertTrue(ended.getDescription().contains("more than " + WireNames.MAX_STOP_REASON_CHARS), ended.toString());
        }
        Thread.sleep(500);
        assertNull(Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id));
    }

    @Test
    void aReasonIsShownEscapedAndOnOneLine() throws Exception {
        EnrollResponse device = seeded.enrolled("lab-pc-10");
        String id = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            stream.send(AgentMessage.newBuilder().setStopping(Stopping.newBuilder().setReason(HOSTILE + "\r\nnext"))
                    .build());
            waitUntil(WAIT, "the stop recorded",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", id) != null);
        }
        assertEquals(HOSTILE + " next", Db.text(dataDir, "SELECT stop_reason FROM devices WHERE id = ?", id));
        String page = it.get("/devices").body();
        assertFalse(page.contains(HOSTILE));
        assertTrue(row(page, id).contains("&lt;script&gt;window.pwned=1&lt;/script&gt; next</span>"), row(page, id));
    }

    private static String listLine(String id) {
        return DevicesCommand.run(List.of("list", "--data", dataDir.toString()), Clock.systemUTC()).lines()
                .filter(line -> line.startsWith(id)).findFirst().orElseThrow();
    }

    private static String row(String html, String deviceId) {
        int start = html.indexOf("<tr data-device=\"" + deviceId + "\"");
        assertTrue(start >= 0, "no row for " + deviceId);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
