package org.vigil.console;

import org.vigil.console.cli.DevicesCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.SpoolDrops;

/** The devices page and the enrolment tokens page over HTTP, on a real console with devices enrolled over gRPC. */
class DevicesPageTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>window.pwned=1</script>";
    private static final Pattern ROW = Pattern.compile("<tr data-device=\"([^\"]+)\" data-state=\"([A-Z_]+)\">");
    private static final Pattern SECRET = Pattern.compile("<code id=\"token-secret\">([^<]+)</code>");

    @TempDir
    static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;
    private static SeededDevices seeded;
    private static WebSession dsl;
    private static WebSession it;
    private static WebSession viewer;
    private static DeviceStream activeStream;
    private static String active;
    private static String behind;
    private static String silent;
    private static String never;
    private static String revoked;
    private static String deaf;
    private static Instant deafTypedAt;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        client = new GrpcTestClient(console);
        seeded = new SeededDevices(console, dataDir, client);
        String current = console.policies().current().change().version();

        EnrollResponse activeDevice = seeded.enrolled("active-pc");
        active = activeDevice.getDeviceId();
        activeStream = seeded.connected(activeDevice, Hello.newBuilder().setPolicyVersion(current).setSpoolDepth(17)
                .setAgentVersion("0.4.0").setUser("pupil-active")
                .setDrops(SpoolDrops.newBuilder().setScreenshots(5).setEvents(2)).build());
        EnrollResponse behindDevice = seeded.enrolled("behind-pc");
        behind = behindDevice.getDeviceId();
        seeded.connected(behindDevice, Hello.newBuilder().setPolicyVersion("0123456789abcdef0123").build()).close();
        silent = seeded.enrolled("silent-pc").getDeviceId();
        seeded.lastSeen(silent, Duration.ofDays(4), current);
        never = seeded.enrolled("never-pc").getDeviceId();
        seeded.set(never, "os_user", HOSTILE);
        revoked = seeded.enrolled("revoked-pc").getDeviceId();
        seeded.set(revoked, "revoked_at", System.currentTimeMillis());
        EnrollResponse deafDevice = seeded.enrolled("deaf-pc");
        deaf = deafDevice.getDeviceId();
        deafTypedAt = Instant.now().minus(Duration.ofHours(3));
        try (DeviceStream stream = seeded.connected(deafDevice, Hello.newBuilder().setPolicyVersion(current)
                .setMonitoring(Monitoring.newBuilder().setHookRegistered(true)).build())) {
            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setPolicyVersion(current)
                    .setMonitoring(Monitoring.newBuilder().setHookRegistered(false).addDeadWorkers("vigil-typing")
                            .setLastSignalAt(Timestamp.newBuilder().setSeconds(deafTypedAt.getEpochSecond()))))
                    .build());
            waitUntil(Duration.ofSeconds(10), "the heartbeat saying the hook is gone is recorded",
                    () -> "0".equals(Db.text(dataDir, "SELECT hook_registered FROM devices WHERE id = ?", deaf)));
        }

        dsl = WebSession.signIn(console, "admin", PASSWORD);
        it = WebSession.newUser(console, dsl, "it-admin", "IT_ADMIN");
        viewer = WebSession.newUser(console, dsl, "chair-of-governors", "VIEWER");
    }

    @AfterAll
    static void stop() throws Exception {
        activeStream.close();
        client.close();
        console.close();
    }

    @Test
    void itAdminsAndTheDslSeeEveryDeviceAndTheNavLinksThere() throws Exception {
        for (WebSession session : List.of(it, dsl)) {
            HttpResponse<String> page = session.get("/devices");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<a href=\"/devices\">Devices</a>"), "nav link");
            Map<String, String> states = states(page.body());
            assertTrue(states.keySet().containsAll(List.of(active, behind, silent, never, revoked)), states.toString());
            assertTrue(page.headers().firstValue("Server-Timing").orElseThrow().startsWith("app;dur="));
        }
        assertFalse(viewer.get("/overview").body().contains("href=\"/devices\""), "no link for viewers");
    }

    @Test
    void aViewerIsForbiddenEverythingAboutDevicesAndTheAttemptIsAudited() throws Exception {
        for (String path : List.of("/devices", "/devices?show=silent", "/devices/" + active + "/revoke",
                "/devices/tokens")) {
            HttpResponse<String> response = viewer.get(path);
            assertEquals(403, response.statusCode(), path);
            assertFalse(response.body().contains("active-pc"), path);
        }
        assertEquals(403, viewer.post("/devices/" + active + "/revoke", Map.of("reason", "x")).statusCode());
        assertEquals(403, viewer.post("/devices/tokens", Map.of("label", "x", "days", "3")).statusCode());
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = 'chair-of-governors' AND target = 'GET /devices'"));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND target = ?", "device:" + active));
    }

    @Test
    void eachDeviceHasItsStateAndTheCountsSummariseThem() throws Exception {
        HttpResponse<String> page = it.get("/devices");
        Map<String, String> states = states(page.body());
        assertEquals("ACTIVE", states.get(active));
        assertEquals("ACTIVE", states.get(behind), "behind is about policy, not silence");
        assertEquals("SILENT", states.get(silent));
        assertEquals("NEVER_CONNECTED", states.get(never));
        assertEquals("REVOKED", states.get(revoked));
        String activeRow = row(page.body(), active);
        assertTrue(activeRow.contains("<td>17</td>"), "spool depth: " + activeRow);
        assertTrue(activeRow.contains("<td>5 / 2</td>"), "drops: " + activeRow);
        assertTrue(activeRow.contains("pupil-active") && activeRow.contains("0.4.0"), activeRow);
        assertTrue(activeRow.contains(console.policies().current().change().version().substring(0, 12)), activeRow);
        assertFalse(activeRow.contains("BEHIND"), activeRow);
        assertTrue(activeRow.contains("just now"), activeRow);
        assertTrue(row(page.body(), behind).contains("0123456789ab</code>"), row(page.body(), behind));
        assertTrue(row(page.body(), behind).contains("BEHIND"));
        assertTrue(row(page.body(), silent).contains("4 days ago"), row(page.body(), silent));
        assertTrue(row(page.body(), never).contains("never"));
        assertFalse(row(page.body(), revoked).contains("Revoke&hellip;"), "nothing to revoke");
        assertTrue(page.body().contains("not heard from for more than 72 hours"), "the threshold is explained");
        long total = Db.count(dataDir, "SELECT count(*) FROM devices");
        assertTrue(page.body().contains("<strong>" + total + "</strong> devices"), "summary counts every device");
    }

    @Test
    void aDeviceThatHeartbeatsWhileItsAgentHearsNoTypingIsNotMonitoringAndSaysWhy() throws Exception {
        HttpResponse<String> page = it.get("/devices");
        assertEquals("NOT_MONITORING", states(page.body()).get(deaf));
        String row = row(page.body(), deaf);
        assertTrue(row.contains(">not monitoring</span>"), row);
        assertTrue(row.contains("Keyboard hook not registered; typing worker dead; last handled typing 3 hours ago"),
                row);
        assertTrue(page.body().contains("1 not monitoring</span>"), "counted in the summary");
        assertFalse(row(page.body(), active).contains("monitoring-reason"), "nothing to say for a monitoring device");
        Map<String, String> notMonitoring = states(it.get("/devices?show=not-monitoring").body());
        assertEquals(Map.of(deaf, "NOT_MONITORING"), notMonitoring);

        String list = DevicesCommand.run(List.of("list", "--data", dataDir.toString()), Clock.systemUTC());
        String line = list.lines().filter(l -> l.startsWith(deaf)).findFirst().orElseThrow();
        assertTrue(line.startsWith(deaf + "\tNOT-MONITORING\tkeyboard hook not registered; typing worker dead;"
                + " last handled typing " + deafTypedAt.truncatedTo(ChronoUnit.SECONDS) + "\tdeaf-pc\t"), line);
        assertTrue(list.lines().anyMatch(l -> l.startsWith(active + "\tok\tunknown\t")),
                "an agent that never said: " + list);
    }

    @Test
    void eachFilterListsOnlyItsDevices() throws Exception {
        Map<String, String> silentOnes = states(it.get("/devices?show=silent").body());
        assertTrue(silentOnes.containsKey(silent), silentOnes.toString());
        assertTrue(silentOnes.values().stream().allMatch("SILENT"::equals), silentOnes.toString());
        assertTrue(states(it.get("/devices?show=never").body()).containsKey(never));
        assertTrue(states(it.get("/devices?show=never").body()).values().stream().allMatch("NEVER_CONNECTED"::equals));
        Map<String, String> behindOnes = states(it.get("/devices?show=behind").body());
        assertTrue(behindOnes.containsKey(behind), behindOnes.toString());
        assertFalse(behindOnes.containsKey(active));
        assertTrue(states(it.get("/devices?show=revoked").body()).values().stream().allMatch("REVOKED"::equals));
        assertTrue(states(it.get("/devices?show=revoked").body()).containsKey(revoked));
    }

    @Test
    void anUnknownFilterIsABadRequest() throws Exception {
        HttpResponse<String> response = it.get("/devices?show=%3Cb%3Eall%3C/b%3E");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("There is no such list of devices."));
        assertFalse(response.body().contains("<b>all</b>"));
    }

    @Test
    void capturedTextOnTheDeviceListIsEscaped() throws Exception {
        String body = dsl.get("/devices").body();
        assertFalse(body.contains(HOSTILE));
        assertTrue(body.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"));
    }

    @Test
    void viewingTheListIsAudited() throws Exception {
        it.get("/devices?show=behind");
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'devices.view'"
                + " AND actor = 'it-admin' AND target = 'devices:behind'") >= 1);
    }

    @Test
    void revokingAsksForConfirmationWithAReason() throws Exception {
        HttpResponse<String> confirm = it.get("/devices/" + silent + "/revoke");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("Revoke silent-pc?"), confirm.body());
        assertTrue(confirm.body().contains("name=\"reason\" required"));
        assertEquals("NULL", revokedAt(silent), "showing the confirmation changes nothing");
        assertEquals(404, it.get("/devices/no-such-device/revoke").statusCode());
    }

    @Test
    void aRevocationWithoutAReasonOrTheFormTokenChangesNothing() throws Exception {
        HttpResponse<String> noReason = it.post("/devices/" + silent + "/revoke", Map.of("reason", "   "));
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Give a reason for revoking the device"), noReason.body());
        HttpResponse<String> tooLong = it.post("/devices/" + silent + "/revoke", Map.of("reason", "x".repeat(201)));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("Keep the reason under 200 characters."));
        HttpResponse<String> forged = it.postRaw("/devices/" + silent + "/revoke",
                Map.of("reason", "stolen", "csrf", "guessed"));
        assertEquals(403, forged.statusCode());
        HttpResponse<String> unknown = it.post("/devices/no-such-device/revoke", Map.of("reason", "stolen"));
        assertEquals(404, unknown.statusCode());
        assertEquals("NULL", revokedAt(silent));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND target IN (?, ?)", "device:" + silent, "device:no-such-device"));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'csrf.refused'"
                + " AND target = ?", "POST /devices/" + silent + "/revoke") >= 1);
    }

    @Test
    void revokingFromThePageEndsTheLiveStreamAtOnceAndIsAuditedWithTheReason() throws Exception {
        EnrollResponse device = seeded.enrolled("stolen-pc");
        try (DeviceStream stream = seeded.connected(device, Hello.newBuilder().setSpoolDepth(1).build())) {
            HttpResponse<String> revokedNow = it.post("/devices/" + device.getDeviceId() + "/revoke",
                    Map.of("reason", "reported stolen " + HOSTILE));
            assertEquals(303, revokedNow.statusCode(), revokedNow.body());
            assertEquals("/devices", it.location(revokedNow));
            Status ended = stream.awaitEnd(Duration.ofSeconds(1));
            assertEquals(Status.Code.UNAUTHENTICATED, ended.getCode());
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND actor = 'it-admin' AND target = ? AND detail = ?", "device:" + device.getDeviceId(),
                "reported stolen " + HOSTILE));
        String list = it.get("/devices").body();
        assertTrue(list.contains("Revoked stolen-pc (" + device.getDeviceId() + ")"), "one-time notice");
        assertEquals("REVOKED", states(list).get(device.getDeviceId()));
        assertFalse(it.get("/devices").body().contains("Revoked stolen-pc"), "the notice is shown once");
        try (DeviceStream again = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            again.send(Events.valid().build());
            assertEquals(Status.Code.UNAUTHENTICATED, again.awaitEnd(Duration.ofSeconds(10)).getCode(),
                    "refused when it reconnects");
        }

        HttpResponse<String> again = it.post("/devices/" + device.getDeviceId() + "/revoke", Map.of("reason", "again"));
        assertEquals(303, again.statusCode());
        assertTrue(it.get("/devices").body().contains("stolen-pc (" + device.getDeviceId()
                + ") was already revoked: nothing changed."));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND target = ?", "device:" + device.getDeviceId()), "a no-op is not a second revocation");
    }

    @Test
    void theDslMayRevokeToo() throws Exception {
        EnrollResponse device = seeded.enrolled("dsl-revokes-pc");
        assertEquals(303, dsl.post("/devices/" + device.getDeviceId() + "/revoke",
                Map.of("reason", "pupil left the school")).statusCode());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND actor = 'admin' AND target = ?", "device:" + device.getDeviceId()));
    }

    @Test
    void anItAdminMakesATokenSeesItOnceAndItEnrolsADevice() throws Exception {
        HttpResponse<String> created = it.post("/devices/tokens", Map.of("label", "Year 9 " + HOSTILE, "days", "7"));
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElseThrow());
        Matcher secret = SECRET.matcher(created.body());
        assertTrue(secret.find(), created.body());
        assertTrue(created.body().contains("vigil-console agent-config"), "the MDM hint");
        assertFalse(created.body().contains(HOSTILE));
        EnrollResponse enrolled = client.enroll(secret.group(1));
        assertFalse(enrolled.getDeviceId().isEmpty());

        String list = it.get("/devices/tokens").body();
        assertFalse(list.contains(secret.group(1)), "shown only once");
        long id = Db.count(dataDir, "SELECT id FROM enrolment_tokens WHERE note = ?", "Year 9 " + HOSTILE);
        String row = tokenRow(list, id);
        assertTrue(row.contains("Year 9 &lt;script&gt;"), row);
        assertTrue(row.contains("<td class=\"uses\">1</td>"), "one use: " + row);
        assertTrue(row.contains(">usable<"), row);
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'token.create'"
                + " AND actor = 'it-admin' AND target = ?", "token:" + id));
        assertEquals(Db.count(dataDir, "SELECT expires_at - created_at FROM enrolment_tokens WHERE id = ?", id),
                Duration.ofDays(7).toMillis());
    }

    @Test
    void aRevokedTokenNoLongerEnrolsAndRevokingAgainIsANoOp() throws Exception {
        Matcher secret = SECRET.matcher(it.post("/devices/tokens", Map.of("label", "to revoke", "days", "30")).body());
        assertTrue(secret.find());
        long id = Db.count(dataDir, "SELECT id FROM enrolment_tokens WHERE note = 'to revoke'");
        HttpResponse<String> revokedNow = it.post("/devices/tokens/" + id + "/revoke", Map.of());
        assertEquals(303, revokedNow.statusCode());
        assertTrue(it.get("/devices/tokens").body().contains("Revoked token " + id));
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.enroll(secret.group(1)));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertEquals(303, it.post("/devices/tokens/" + id + "/revoke", Map.of()).statusCode());
        String page = it.get("/devices/tokens").body();
        assertTrue(page.contains("Token " + id + " was already revoked: nothing changed."), page);
        assertTrue(tokenRow(page, id).contains(">revoked<"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'token.revoke'"
                + " AND target = ?", "token:" + id));
        HttpResponse<String> unknown = it.post("/devices/tokens/999999/revoke", Map.of());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("There is no enrolment token 999999."));
    }

    @Test
    void badTokenFormsAreRefusedAndMakeNothing() throws Exception {
        long before = Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens");
        Map<String, String> noLabel = new LinkedHashMap<>(Map.of("label", " ", "days", "30"));
        HttpResponse<String> blank = it.post("/devices/tokens", noLabel);
        assertEquals(400, blank.statusCode());
        assertTrue(blank.body().contains("Give the token a label"));
        for (String days : List.of("0", "-3", "3651", "ten", "")) {
            HttpResponse<String> bad = it.post("/devices/tokens", Map.of("label", "bad days", "days", days));
            assertEquals(400, bad.statusCode(), days);
            assertTrue(bad.body().contains("A token is valid for a whole number of days, 1 to 3650."), days);
        }
        HttpResponse<String> longLabel = it.post("/devices/tokens", Map.of("label", "x".repeat(81), "days", "3"));
        assertEquals(400, longLabel.statusCode());
        assertTrue(longLabel.body().contains("Keep the label under 80 characters."));
        assertEquals(403, it.postRaw("/devices/tokens", Map.of("label", "forged", "days", "3")).statusCode());
        assertEquals(before, Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens"));
    }

    @Test
    void theDslSeesTokensButOnlyItAdminsMakeOrRevokeThem() throws Exception {
        HttpResponse<String> page = dsl.get("/devices/tokens");
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("action=\"/devices/tokens\""), "no form to make one");
        assertTrue(page.body().contains("Only IT admins make and revoke enrolment tokens."));
        long before = Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens");
        assertEquals(403, dsl.post("/devices/tokens", Map.of("label", "dsl try", "days", "3")).statusCode());
        long id = Db.count(dataDir, "SELECT max(id) FROM enrolment_tokens WHERE revoked_at IS NULL");
        assertEquals(403, dsl.post("/devices/tokens/" + id + "/revoke", Map.of()).statusCode());
        assertEquals(before, Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens"));
        assertNull(Db.text(dataDir, "SELECT revoked_at FROM enrolment_tokens WHERE id = ?", id));
    }

    private static String revokedAt(String deviceId) {
        String value = Db.text(dataDir, "SELECT revoked_at FROM devices WHERE id = ?", deviceId);
        return value == null ? "NULL" : value;
    }

    private static Map<String, String> states(String html) {
        Map<String, String> states = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            states.put(row.group(1), row.group(2));
        }
        return states;
    }

    private static String row(String html, String deviceId) {
        int start = html.indexOf("<tr data-device=\"" + deviceId + "\"");
        assertTrue(start >= 0, "no row for " + deviceId);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String tokenRow(String html, long id) {
        int start = html.indexOf("<tr data-token=\"" + id + "\"");
        assertTrue(start >= 0, "no row for token " + id);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
