package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.alerts.WebhookSettings;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.runtime.Fatal;

/**
 * Alerts by webhook end to end: captures over real gRPC/TLS into a real console, the outbox in SQLite, and a real
 * HTTP receiver on loopback (the JDK's HttpServer) that the test starts, checking the signature over the exact bytes
 * it received. The sender's backoff is shortened to a second so a retry does not take ten.
 */
class AlertsByWebhookTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "admin passphrase for webhook tests";
    private static final String SECRET = "webhook secret for the tests 0123456789";
    private static final String PUBLIC_URL = "https://vigil.school.example/";
    private static final AlertSender.Timing FAST = new AlertSender.Timing(Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request the receiver got, and the status it answered. */
    private record Received(Map<String, String> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    @TempDir
    Path dataDir;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private GreenMail smtp;
    private Console console;
    private GrpcTestClient client;
    private EnrollResponse device;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (console != null) {
            console.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aSeverity5CaptureReachesTheReceiverSignedWithItsAlertIdAndNoTypedText() throws Exception {
        startReceiver();
        startConsole(config());
        Event event = Events.disclosure().build();
        sendAcked(event);
        long captureId = Db.captureId(dataDir, event.getEventId());
        Instant occurredAt = Instant.ofEpochMilli(Long.parseLong(Db.text(dataDir,
                "SELECT occurred_at FROM captures WHERE id = ?", captureId)));

        waitUntil(WAIT, "the webhook delivered", () -> Db.count(dataDir, "SELECT count(*) FROM alert_outbox"
                + " WHERE channel = 'WEBHOOK' AND delivered_at IS NOT NULL") == 1);
        assertEquals(1, received.size());
        Received request = received.get(0);
        assertEquals(hmac(request.body()), request.header("X-Vigil-Signature"), "signed over the exact bytes");
        assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        String alertId = Db.text(dataDir, "SELECT alert_id FROM alert_outbox WHERE channel = 'WEBHOOK'");
        assertEquals(alertId, request.header("X-Vigil-Alert-Id"));

        String text = new String(request.body(), StandardCharsets.UTF_8);
        JsonNode body = JSON.readTree(text);
        assertEquals(List.of("alertId", "kind", "captureId", "category", "severity", "occurredAt", "pupil", "device", "link"),
                fieldNames(body));
        assertEquals(alertId, body.get("alertId").asText());
        assertEquals(captureId, body.get("captureId").asLong());
        assertEquals("suicide", body.get("category").asText());
        assertEquals(5, body.get("severity").asInt());
        assertEquals(occurredAt, Instant.parse(body.get("occurredAt").asText()));
        assertTrue(body.get("occurredAt").asText().endsWith("Z"), "UTC");
        assertEquals("pupil07", body.get("pupil").asText());
        assertEquals("lab-pc-07", body.get("device").asText());
        assertEquals(PUBLIC_URL + "captures/" + captureId, body.get("link").asText());
        assertFalse(text.contains(Events.DISCLOSURE_MATCHED) || text.contains("tonight") || text.contains("diary"),
                text);
        assertFalse(text.contains(SECRET), text);
    }

    @Test
    void onlyAlertingCapturesMakeOneWebhookAlertEachAndAResendMakesNone() throws Exception {
        startReceiver();
        startConsole(config());
        Event minor = Events.valid().setSeverity(3).setCategory("bullying").build();
        sendAcked(minor);
        Event serious = Events.disclosure().setSeq(2).build();
        sendAcked(serious);
        sendAcked(serious);

        waitUntil(WAIT, "the webhook delivered", () -> received.size() >= 1);
        Thread.sleep(500);
        assertEquals(1, received.size());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?",
                Db.captureId(dataDir, minor.getEventId())));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE channel = 'WEBHOOK'"));
    }

    @Test
    void aReceiverAnswering500ThenAcceptsItOnceAfterTheRetryWhileEmailsGoOutMeanwhile() throws Exception {
        answers.add(500);
        startReceiver();
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        startConsole(config().withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + smtpPort),
                "vigil@school.example")));
        assertTrue(console.services().users().createIfAbsent("dsl-one", "not-a-hash", "DSL", false, false,
                Optional.of("dsl.one@school.example")));
        Event event = Events.disclosure().build();
        sendAcked(event);

        waitUntil(WAIT, "the webhook's failure recorded", () -> Db.count(dataDir, "SELECT count(*) FROM alert_outbox"
                + " WHERE channel = 'WEBHOOK' AND attempts = 1 AND delivered_at IS NULL") == 1);
        String error = Db.text(dataDir, "SELECT last_error FROM alert_outbox WHERE channel = 'WEBHOOK'");
        assertTrue(error.startsWith("the webhook answered HTTP 500: receiver down "), error);
        assertTrue(error.length() <= "the webhook answered HTTP 500: ".length() + 200, error);
        assertFalse(error.contains(SECRET), "the secret is never recorded: " + error);
        waitUntil(WAIT, "the email delivered, the webhook's failure notwithstanding",
                () -> smtp.getReceivedMessages().length == 1);

        waitUntil(WAIT, "the webhook delivered after the retry", () -> Db.count(dataDir, "SELECT count(*)"
                + " FROM alert_outbox WHERE channel = 'WEBHOOK' AND delivered_at IS NOT NULL") == 1);
        Thread.sleep(1_500);
        String alertId = Db.text(dataDir, "SELECT alert_id FROM alert_outbox WHERE channel = 'WEBHOOK'");
        Map<String, Integer> accepted = new HashMap<>();
        for (Received request : received) {
            assertEquals(alertId, request.header("X-Vigil-Alert-Id"), "the retry has the same id");
            assertEquals(hmac(request.body()), request.header("X-Vigil-Signature"));
            if (request.answered() == 200) {
                accepted.merge(request.header("X-Vigil-Alert-Id"), 1, Integer::sum);
            }
        }
        assertEquals(2, received.size(), "one refused, one accepted");
        assertEquals(Map.of(alertId, 1), accepted, "delivered exactly once");
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals(2, Db.count(dataDir, "SELECT attempts FROM alert_outbox WHERE channel = 'WEBHOOK'"));
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/vigil", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            int status = Optional.ofNullable(answers.poll()).orElse(200);
            received.add(new Received(headers, body, status));
            byte[] answer = (status == 200 ? "ok" : "receiver down " + SECRET + " " + "x".repeat(400))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        receiver.start();
    }

    private ConsoleConfig config() {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/vigil");
        return AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD).withPublicUrl(URI.create(PUBLIC_URL))
                .withWebhook(WebhookSettings.from(Optional.of(url.toString()), Optional.of(SECRET), Optional.empty())
                        .orElseThrow());
    }

    private void startConsole(ConsoleConfig config) throws Exception {
        console = Console.start(config, Fatal.exitProcess(), FAST);
        client = new GrpcTestClient(console);
        device = client.enroll(console.mintEnrolmentToken());
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void sendAcked(Event event) throws InterruptedException {
        DeviceStream.sendAcked(client, device.getDeviceId(), device.getDeviceSecret(), event, WAIT);
    }
}
