package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.AlertSender;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.runtime.Fatal;

/**
 * The mail server set on /settings, the test email, and what the school's settings change in alert emails, with
 * GreenMail as a real SMTP server and captures over real gRPC/TLS. The console starts without VIGIL_SMTP_URL.
 */
class SettingsMailTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = "settings mail admin passphrase";
    private static final String ADMIN_EMAIL = "admin.dsl@school.example";
    private static final String DSL_EMAIL = "dsl.two@school.example";
    private static final String IT_EMAIL = "it@school.example";

    @TempDir
    static Path dataDir;
    private static int smtpPort;
    private static GreenMail smtp;
    private static Console console;
    private static GrpcTestClient client;
    private static EnrollResponse device;
    private static WebSession admin;
    private static WebSession it;
    private static int seq;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD), Fatal.exitProcess(),
                new AlertSender.Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        admin = WebSession.signIn(console, "admin", PASSWORD);
        it = WebSession.newUser(console, admin, "mail-it", "IT_ADMIN");
        WebSession.createUser(admin, "dsl-two", "DSL");
        setEmail("admin", ADMIN_EMAIL);
        setEmail("mail-it", IT_EMAIL);
        setEmail("dsl-two", DSL_EMAIL);
        admin.refreshCsrf("/settings");
        it.refreshCsrf("/settings");
        client = new GrpcTestClient(console);
        device = client.enroll(console.mintEnrolmentToken());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        console.close();
        smtp.stop();
    }

    @BeforeEach
    void defaults() throws Exception {
        setMailServer("smtp://127.0.0.1:" + smtpPort, "");
        assertEquals(303, admin.post("/settings/PUPIL_NAMES_IN_ALERTS", Map.of("value", "true")).statusCode());
        assertEquals(303, admin.post("/settings/TIME_ZONE", Map.of("value", "Europe/London")).statusCode());
        waitUntil(WAIT, "every earlier alert delivered", () -> Db.count(dataDir,
                "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void theTestEmailGoesToTheSignedInUserThroughTheServerSetOnThePageAndSaysItWasAccepted() throws Exception {
        HttpResponse<String> sent = it.post("/settings/test-email", Map.of());
        assertEquals(200, sent.statusCode());
        assertTrue(sent.body().contains("Test email accepted by 127.0.0.1:" + smtpPort + "."), sent.body());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length, "sent at once, not through the outbox");
        assertEquals(IT_EMAIL, received[0].getAllRecipients()[0].toString());
        assertEquals("Vigil: test email", received[0].getSubject());
        assertEquals("vigil@school.example", received[0].getFrom()[0].toString());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'alerts.test-email'"
                + " AND actor = 'mail-it' AND detail LIKE 'to it@school.example through smtp://127.0.0.1:%: accepted'"));
    }

    @Test
    void theTestEmailSaysWhyWhenTheServerIsDownWithoutThePasswordAndNeedsTheUsersOwnAddress() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        setMailServer("smtp+starttls://vigil@127.0.0.1:" + closed, "Down-Secret-42");
        long started = System.nanoTime();
        HttpResponse<String> failed = it.post("/settings/test-email", Map.of());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(25)) < 0);
        assertEquals(200, failed.statusCode());
        assertTrue(failed.body().contains("Test email not sent: 127.0.0.1:" + closed + ": Couldn"), failed.body());
        assertTrue(failed.body().contains("connect to host"), failed.body());
        assertFalse(failed.body().contains("Down-Secret-42"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'alerts.test-email'"
                + " AND detail LIKE '%: failed: 127.0.0.1:" + closed + ": Couldn%'"));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE detail LIKE '%Down-Secret-42%'"));
        assertEquals(0, smtp.getReceivedMessages().length);

        setEmail("mail-it", "");
        try {
            HttpResponse<String> noAddress = it.post("/settings/test-email", Map.of());
            assertEquals(400, noAddress.statusCode());
            assertTrue(noAddress.body().contains("You have no email address, and the test email goes to you"),
                    noAddress.body());
        } finally {
            setEmail("mail-it", IT_EMAIL);
        }
    }

    @Test
    void anAlertWaitingForAMailServerIsSentThroughTheOneSetOnThePageWithoutARestart() throws Exception {
        setMailServer("", "");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM school_settings WHERE key LIKE 'mail.%'"));
        Event event = sendCapture(Events.disclosure());
        Thread.sleep(600);
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?"
                + " AND delivered_at IS NULL AND attempts = 0", Db.captureId(dataDir, event.getEventId())),
                "both DSLs' emails wait, untried");
        String overview = admin.get("/overview").body();
        assertTrue(overview.contains("2 email alert(s) not delivered yet"), overview);
        assertTrue(overview.contains("no mail server configured (set it on the settings page"), overview);
        assertEquals(0, smtp.getReceivedMessages().length);

        setMailServer("smtp://127.0.0.1:" + smtpPort, "");
        waitUntil(WAIT, "both emails sent through the server set on the page",
                () -> smtp.getReceivedMessages().length >= 2);
        // the server has them before the sender marks them delivered: wait for the mark, not just the arrival
        waitUntil(WAIT, "both marked delivered", () -> Db.count(dataDir,
                "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
        assertFalse(admin.get("/overview").body().contains("not delivered yet"));
    }

    @Test
    void withPupilNamesOffTheEmailDoesNotNameThePupilAndTimesAreInTheSchoolsZone() throws Exception {
        assertEquals(303, admin.post("/settings/PUPIL_NAMES_IN_ALERTS", Map.of("value", "false")).statusCode());
        assertEquals(303, admin.post("/settings/TIME_ZONE", Map.of("value", "Asia/Tokyo")).statusCode());
        Event event = sendCapture(Events.disclosure());
        waitUntil(WAIT, "the capture's emails", () -> smtp.getReceivedMessages().length >= 2);
        Instant occurred = Instant.ofEpochSecond(event.getOccurredAt().getSeconds());
        String tokyo = DateTimeFormatter.ofPattern("HH:mm:ss").format(occurred.atZone(ZoneId.of("Asia/Tokyo")));
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String raw = GreenMailUtil.getBody(message);
            assertTrue(raw.contains("Pupil:     not named (school setting); see Vigil"), raw);
            assertFalse(raw.contains("pupil07"), raw);
            assertTrue(raw.contains(", " + tokyo + " (Asia/Tokyo, "), raw);
        }
    }

    @Test
    void aDslAssignedByAnotherIsEmailedButNotWhenAssigningThemselvesOrUnassigning() throws Exception {
        Event event = sendCapture(Events.disclosure());
        long captureId = Db.captureId(dataDir, event.getEventId());
        waitUntil(WAIT, "the capture's own emails", () -> smtp.getReceivedMessages().length >= 2);

        long dslTwo = Db.count(dataDir, "SELECT id FROM users WHERE username = 'dsl-two'");
        long adminId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'admin'");
        admin.refreshCsrf("/captures/" + captureId);
        assertEquals(303, admin.post("/captures/" + captureId + "/assign",
                Map.of("user", Long.toString(adminId))).statusCode());
        assertEquals(303, admin.post("/captures/" + captureId + "/assign", Map.of("user", "")).statusCode());
        assertEquals(303, admin.post("/captures/" + captureId + "/assign",
                Map.of("user", Long.toString(dslTwo))).statusCode());

        waitUntil(WAIT, "the assignee's email", () -> assignments().size() >= 1);
        Thread.sleep(500);
        List<MimeMessage> assigned = assignments();
        assertEquals(1, assigned.size(), "only the assignment to someone else is emailed");
        MimeMessage message = assigned.get(0);
        assertEquals(DSL_EMAIL, message.getAllRecipients()[0].toString());
        assertEquals("Vigil: Assigned to you by admin: severity 5 capture (suicide) on lab-pc-07",
                message.getSubject());
        String body = GreenMailUtil.getBody(message);
        assertTrue(body.contains("/captures/" + captureId), body);
        assertFalse(body.contains(Events.DISCLOSURE_MATCHED), "no typed text");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE kind = 'ASSIGNMENT'"
                + " AND capture_id = ? AND recipient = ? AND delivered_at IS NOT NULL", captureId, DSL_EMAIL));
    }

    private static List<MimeMessage> assignments() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith("Vigil: Assigned to you"))
                .toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static Event sendCapture(Event.Builder builder) throws InterruptedException {
        Event event = builder.setSeq(++seq).build();
        DeviceStream.sendAcked(client, device.getDeviceId(), device.getDeviceSecret(), event, WAIT);
        return event;
    }

    private static void setMailServer(String url, String password) throws Exception {
        HttpResponse<String> saved = it.post("/settings/mail", Map.of("smtp_url", url, "smtp_password", password,
                "from", url.isEmpty() ? "" : "vigil@school.example"));
        assertEquals(303, saved.statusCode(), saved.body());
    }

    private static void setEmail(String username, String email) throws Exception {
        long id = Db.count(dataDir, "SELECT id FROM users WHERE username = ?", username);
        assertEquals(303, admin.post("/users/" + id + "/email", Map.of("email", email)).statusCode());
    }
}
