package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.SignInNotice;

/**
 * The sign-in notice (ADR 0113) over real gRPC/TLS into a real console: the school's text and policy link reach a
 * connected agent after its Hello and again when changed on /settings (audited); a showing the agent reports is
 * recorded and shown, escaped, on /devices; a report beyond the contract's limits is refused and stores nothing.
 */
class SignInNoticeTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;
    private static SeededDevices seeded;
    private static WebSession dsl;
    private static WebSession it;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir), PASSWORD));
        client = new GrpcTestClient(console);
        seeded = new SeededDevices(console, dataDir, client);
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        dsl = WebSession.newUser(console, admin, "dsl-notice", "DSL");
        it = WebSession.newUser(console, admin, "it-notice", "IT_ADMIN");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        console.close();
    }

    @Test
    void theSchoolsNoticeReachesAConnectedAgentAfterItsHelloAndAgainWhenChanged() throws Exception {
        EnrollResponse device = seeded.enrolled("notice-pc-01");
        try (DeviceStream stream = seeded.connected(device, Hello.newBuilder().setPolicyVersion("old").build())) {
            SignInNotice first = nextNotice(stream);
            assertEquals("This device is monitored by the school's safeguarding system.", first.getText());
            assertEquals("", first.getPolicyLink());

            String text = "This laptop is monitored by Hillside Academy's safeguarding system.";
            assertEquals(303, dsl.post("/settings/NOTICE_TEXT", Map.of("value", text)).statusCode());
            assertEquals(text, nextNotice(stream).getText());
            assertEquals(303, it.post("/settings/NOTICE_LINK",
                    Map.of("value", "https://hillside.example/safeguarding")).statusCode());
            SignInNotice changed = nextNotice(stream);
            assertEquals(text, changed.getText());
            assertEquals("https://hillside.example/safeguarding", changed.getPolicyLink());
        }
        assertEquals(1, Db.count(dataDir, "SELECT COUNT(*) FROM audit_log WHERE actor = 'dsl-notice'"
                + " AND action = 'settings.change' AND target = 'agent.notice_text'"));
        assertEquals(1, Db.count(dataDir, "SELECT COUNT(*) FROM audit_log WHERE actor = 'it-notice'"
                + " AND action = 'settings.change' AND target = 'agent.notice_link'"));
    }

    @Test
    void aLinkThatIsNotAWebAddressOrATextTooLongIsRefusedWithNothingChanged() throws Exception {
        String before = Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'agent.notice_link'");
        String refused = it.post("/settings/NOTICE_LINK", Map.of("value", "javascript:alert(1)")).body();
        assertTrue(refused.contains("is not a web address"), refused);
        String tooLong = it.post("/settings/NOTICE_TEXT",
                Map.of("value", "x".repeat(WireNames.MAX_NOTICE_CHARS + 1))).body();
        assertTrue(tooLong.contains("at most " + WireNames.MAX_NOTICE_CHARS), tooLong);
        assertEquals(before, Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'agent.notice_link'"));
        assertEquals(0, Db.count(dataDir, "SELECT COUNT(*) FROM school_settings WHERE key = 'agent.notice_text'"
                + " AND length(value) > ?", WireNames.MAX_NOTICE_CHARS));
    }

    @Test
    void aShowingTheAgentReportsIsRecordedAndTheLatestShownEscapedOnTheDevicesPage() throws Exception {
        EnrollResponse device = seeded.enrolled("notice-pc-02");
        String id = device.getDeviceId();
        Instant earlier = Instant.parse("2026-11-30T08:40:00Z");
        Instant later = Instant.parse("2026-11-30T08:45:00Z");
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            assertNull(stream.pollNotice(Duration.ofMillis(500)), "an agent naming no policy takes no pushes");
            stream.send(shown(earlier, "pupil6", "window"));
            stream.send(shown(later, "<b>pupil7</b>", "notify-send"));
            waitUntil(WAIT, "both showings recorded",
                    () -> Db.count(dataDir, "SELECT COUNT(*) FROM notices_shown WHERE device_id = ?", id) == 2);
        }
        assertEquals("<b>pupil7</b>", Db.text(dataDir, "SELECT os_user FROM notices_shown WHERE device_id = ?"
                + " AND shown_at = ?", id, later.toEpochMilli()));
        String page = it.get("/devices").body();
        String row = row(page, id);
        assertTrue(row.contains("to &lt;b&gt;pupil7&lt;/b&gt; "), row);
        assertTrue(row.contains("notify-send)"), row);
        assertFalse(row.contains("pupil6"), "only the latest showing: " + row);
        assertFalse(page.contains("<b>pupil7</b>"));
    }

    @Test
    void aShowingBeyondTheContractsLimitsEndsTheStreamAndStoresNothing() throws Exception {
        EnrollResponse device = seeded.enrolled("notice-pc-04");
        String id = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            stream.send(shown(Instant.now(), "u".repeat(WireNames.MAX_NAME_CHARS + 1), "window"));
            Status ended = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, ended.getCode(), ended.toString());
        }
        try (DeviceStream stream = seeded.connected(device, Hello.getDefaultInstance())) {
            stream.send(AgentMessage.newBuilder().setNoticeShown(NoticeShown.newBuilder().setUser("pupil8")).build());
            Status ended = stream.awaitEnd(WAIT);
            assertEquals(Status.Code.INVALID_ARGUMENT, ended.getCode(), "no time: " + ended);
        }
        assertEquals(0, Db.count(dataDir, "SELECT COUNT(*) FROM notices_shown WHERE device_id = ?", id));
    }

    private static AgentMessage shown(Instant at, String user, String how) {
        return AgentMessage.newBuilder().setNoticeShown(NoticeShown.newBuilder()
                .setShownAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setUser(user).setShownAs(how)).build();
    }

    private static SignInNotice nextNotice(DeviceStream stream) throws InterruptedException {
        return stream.takeNotice(WAIT);
    }

    private static String row(String html, String deviceId) {
        int start = html.indexOf("<tr data-device=\"" + deviceId + "\"");
        assertTrue(start >= 0, "no row for " + deviceId);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
