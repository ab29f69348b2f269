package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

class WebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>alert(1)</script>";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static Event hostileEvent;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startWithACapture() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        String context = "before " + HOSTILE + " after";
        hostileEvent = Events.withScreenshot()
                .setWindowTitle("Chat " + HOSTILE)
                .setMatchedText(HOSTILE)
                .setContext(context)
                .setMatchStart(context.indexOf(HOSTILE))
                .setMatchEnd(context.indexOf(HOSTILE) + HOSTILE.length())
                .setExplanation("explained " + HOSTILE)
                .build();
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            EnrollResponse device = client.enroll(console.mintEnrolmentToken());
            try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
                stream.send(hostileEvent);
                stream.take(Duration.ofSeconds(10));
            }
        }
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void healthCheckAnswersWithoutSigningInAndNamesEveryWorker() throws Exception {
        HttpResponse<String> response = get("/healthz", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertEquals("ok", health.get("status").asText());
        Map<String, String> states = new LinkedHashMap<>();
        health.get("workers").forEach(worker -> states.put(worker.get("name").asText(), worker.get("state").asText()));
        assertEquals(Map.of("vigil-capture-writer", "RUNNING", "vigil-revocation-check", "RUNNING",
                "vigil-heartbeats", "RUNNING", "vigil-live-queue", "RUNNING", "vigil-policy-watch", "RUNNING",
                "vigil-alert-sender", "RUNNING", "vigil-it-alerts", "RUNNING", "vigil-alert-digest", "RUNNING",
                "vigil-alert-escalation", "RUNNING", "vigil-retention", "RUNNING"), states, "the email sender runs without a mail server, waiting for one");
        health.get("workers").forEach(worker -> assertEquals(0, worker.get("failures").asLong(), worker.toString()));
        health.get("workers").forEach(worker -> assertFalse(worker.has("lastFailure"), worker.toString()));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(get("/healthz", null), get("/login", null), get("/captures", null))) {
            assertEquals("default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
                    response.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow(),
                    "Back after signing out must not show a page from the cache");
        }
    }

    @Test
    void headOnAProtectedPageAnswersAsGetWouldWithoutABody() throws Exception {
        HttpResponse<String> signedOut = HTTP.send(request("/captures/" + captureId(), null)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(get("/captures/" + captureId(), null).statusCode(), signedOut.statusCode());
        assertEquals("", signedOut.body());
        String session = login();
        HttpResponse<String> signedIn = HTTP.send(request("/captures", session)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode());
        assertEquals("", signedIn.body());
        assertEquals("no-store", signedIn.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void jettysOwnErrorAnswersCarryTheSecurityHeadersToo() throws Exception {
        for (String request : List.of(
                "GET /captures HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")) {
            String answer = raw(request);
            String status = answer.lines().findFirst().orElse("");
            assertTrue(status.matches("HTTP/1.1 4\\d\\d .*"), status);
            assertTrue(answer.contains("Content-Security-Policy: " + "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"), answer);
            assertTrue(answer.contains("X-Content-Type-Options: nosniff"), answer);
        }
    }

    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", console.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0 && head.indexOf("\r\n\r\n") < 0; n = in.read(buffer)) {
                head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return head.toString();
        }
    }

    @Test
    void htmlPagesDeclareUtf8() throws Exception {
        assertEquals("text/html; charset=utf-8", get("/login", null).headers().firstValue("Content-Type")
                .orElseThrow().toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace(";", "; "));
    }

    @Test
    void aSignedInPageIsNeverKeptByTheBrowser() throws Exception {
        HttpResponse<String> capture = get("/captures/" + captureId(), login());
        assertEquals(200, capture.statusCode());
        assertEquals("no-store", capture.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void unauthenticatedPagesRedirectToLogin() throws Exception {
        for (String path : List.of("/captures", "/captures/1", "/captures/1/screenshot", "/overview", "/audit",
                "/users", "/history/pupil?name=x")) {
            HttpResponse<String> response = get(path, null);
            assertEquals(303, response.statusCode(), path);
            assertEquals("/login", response.headers().firstValue("Location").orElseThrow(), path);
        }
        // what a script asks (the live queue's stream and probe) gets a status it can read, not the sign-in page
        assertEquals(401, get("/events/captures", null).statusCode());
        assertEquals(401, get("/session", null).statusCode());
        assertEquals("/login", get("/", null).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void loginWithTheRightPasswordStartsAStrictHttpOnlySession() throws Exception {
        HttpResponse<String> response = new WebSession(console).signInAttempt("admin", PASSWORD);
        assertEquals(303, response.statusCode());
        assertEquals("/login/code", response.headers().firstValue("Location").orElseThrow(),
                "the admin has two-factor sign-in on: the code comes next");
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("vigil_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void loginWithAWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> response = new WebSession(console).signInAttempt("admin", "wrong");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("vigil_session=")));
        assertTrue(response.body().contains("Wrong username or password."));
    }

    @Test
    void repeatedFailuresLockTheUsernameOutForAWhile() throws Exception {
        WebSession guesser = new WebSession(console);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.signInAttempt("mallory", "guess" + i).statusCode());
        }
        assertEquals(429, guesser.signInAttempt("mallory", "guess").statusCode());
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'login.locked-out'"
                + " AND target = 'user:mallory'") >= 1);
    }

    @Test
    void aCrossSiteLoginPostWithoutTheFormTokenIsRefused() throws Exception {
        HttpResponse<String> response = postForm("/login", Map.of("username", "admin", "password", PASSWORD), null);
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("vigil_session=")));
        HttpResponse<String> forged = new WebSession(console).postRaw("/login",
                Map.of("username", "admin", "password", PASSWORD, "csrf", "guessed"));
        assertEquals(403, forged.statusCode());
    }

    @Test
    void capturesListShowsTheCaptureEscaped() throws Exception {
        String session = login();
        HttpResponse<String> response = get("/captures", session);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("href=\"/captures/"), response.body());
        assertTrue(response.body().contains("self-harm"));
        assertTrue(response.body().contains("lab-pc-07"));
        assertTrue(response.body().contains("pupil07"));
        assertFalse(response.body().contains(HOSTILE));
        assertTrue(response.body().contains("&lt;script&gt;"));
    }

    @Test
    void capturePageRendersHostileTextInertAndIsAudited() throws Exception {
        String session = login();
        long id = captureId();
        long auditBefore = Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.view' AND target = ?",
                "capture:" + id);
        HttpResponse<String> response = get("/captures/" + id, session);
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertFalse(body.contains(HOSTILE), body);
        assertEquals(1, body.split("<script", -1).length - 1, "only the page's own script tag");
        assertTrue(body.contains("before <mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark> after"), body);
        assertTrue(body.contains("Chat &lt;script&gt;alert(1)&lt;/script&gt;"), body);
        assertTrue(body.contains("<img src=\"/captures/" + id + "/screenshot\""), body);
        assertEquals(auditBefore + 1, Db.count(dataDir,
                "SELECT count(*) FROM audit_log WHERE action = 'capture.view' AND target = ? AND actor = 'admin'",
                "capture:" + id));
    }

    @Test
    void screenshotIsServedUncachedAndAudited() throws Exception {
        String session = login();
        long id = captureId();
        HttpResponse<byte[]> response = HTTP.send(request("/captures/" + id + "/screenshot", session).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertArrayEquals(Events.ONE_PIXEL_PNG, response.body());
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.screenshot.view'"
                + " AND target = ?", "capture:" + id) >= 1);
    }

    @Test
    void unknownCaptureIsNotFound() throws Exception {
        assertEquals(404, get("/captures/999999", login()).statusCode());
    }

    @Test
    void logoutWithoutTheCsrfTokenIsForbiddenAndWithItEndsTheSession() throws Exception {
        String session = login();
        assertEquals(403, postForm("/logout", Map.of(), session).statusCode());
        assertEquals(403, postForm("/logout", Map.of("csrf", "made-up"), session).statusCode());
        assertEquals(200, get("/captures", session).statusCode());

        String csrf = csrfTokenOn(get("/captures", session).body());
        HttpResponse<String> out = postForm("/logout", Map.of("csrf", csrf), session);
        assertEquals(303, out.statusCode());
        assertEquals(303, get("/captures", session).statusCode());
    }

    private static long captureId() {
        return Db.count(dataDir, "SELECT id FROM captures WHERE event_id = ?", hostileEvent.getEventId());
    }

    private static String csrfTokenOn(String html) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(matcher.find(), html);
        return matcher.group(1);
    }

    /** Signs in as admin and returns the session cookie's value. */
    private static String login() throws Exception {
        return WebSession.signIn(console, "admin", PASSWORD).sessionCookie();
    }

    private static HttpRequest.Builder request(String path, String session) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (session != null) {
            builder.header("Cookie", "vigil_session=" + session);
        }
        return builder;
    }

    private static HttpResponse<String> get(String path, String session) throws Exception {
        return HTTP.send(request(path, session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String path, Map<String, String> form, String session) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(request(path, session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
