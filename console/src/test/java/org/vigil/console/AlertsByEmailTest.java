package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.Status;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.PupilDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * Alerts by email end to end: captures over real gRPC/TLS into a real console, alerts through the outbox in SQLite
 * and Angus Mail to GreenMail, a real SMTP server on loopback that the test starts and stops.
 */
class AlertsByEmailTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "admin passphrase for alert tests";
    private static final String PUBLIC_URL = "https://vigil.school.example/";
    private static final Set<String> DSL_ADDRESSES = Set.of("dsl.one@school.example", "dsl.two@school.example");

    @TempDir
    Path dataDir;
    private int smtpPort;
    private GreenMail smtp;
    private Console console;
    private GrpcTestClient client;
    private EnrollResponse device;

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (console != null) {
            console.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aSeverity5CaptureReachesEveryEnabledDslWithAnEmailOnceWithItsAlertIdAndALinkButNoTypedText()
            throws Exception {
        startSmtp();
        startConsole();
        Event event = Events.disclosure().build();
        sendAcked(event);
        long captureId = Db.captureId(dataDir, event.getEventId());

        waitUntil(WAIT, "an email to each DSL with an address", () -> smtp.getReceivedMessages().length >= 2);
        Thread.sleep(500);
        List<MimeMessage> received = Arrays.asList(smtp.getReceivedMessages());
        assertEquals(DSL_ADDRESSES, recipients(received),
                "only enabled DSLs with an address: not the disabled DSL, the DSL without one, IT or the viewer");
        Set<String> alertIds = new TreeSet<>();
        for (MimeMessage message : received) {
            String alertId = message.getHeader("X-Vigil-Alert-Id", null);
            assertTrue(alertId.matches("[0-9a-f-]{36}"), alertId);
            alertIds.add(alertId);
            assertEquals("<" + alertId + "@vigil>", message.getMessageID());
            assertEquals("Vigil: severity 5 capture (suicide) on lab-pc-07", message.getSubject());
            assertEquals("vigil@school.example", message.getFrom()[0].toString());
            String raw = GreenMailUtil.getWholeMessage(message);
            assertTrue(raw.contains(PUBLIC_URL + "captures/" + captureId), raw);
            assertTrue(raw.contains("Category:  suicide") && raw.contains("Severity:  5 of 5")
                    && raw.contains("Pupil:     pupil07") && raw.contains("Device:    lab-pc-07"), raw);
            assertFalse(raw.contains(Events.DISCLOSURE_MATCHED), "no matched text in the message");
            assertFalse(raw.contains("going to end") || raw.contains("tonight"), "no context in the message");
            assertFalse(raw.contains("diary"), "no window title in the message");
        }
        assertEquals(2, alertIds.size(), "each recipient's alert has its own id");
        assertEquals(alertIds, outboxIds("delivered_at IS NOT NULL"));
    }

    @Test
    void aPupilInTheDirectoryIsNamedWithYearAndFormButNeverWithTheirFlags() throws Exception {
        startSmtp();
        startConsole();
        console.services().directory().importFull("dsl", PupilDirectory.CSV, MisCsv.read(
                "username,given name,family name,year group,form,cp plan,looked after\npupil07,Bella,Smith,9,9B,yes,yes\n"));
        Event event = Events.disclosure().build();
        sendAcked(event);

        waitUntil(WAIT, "an email to each DSL with an address", () -> smtp.getReceivedMessages().length >= 2);
        String raw = GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0]);
        assertTrue(raw.contains("Pupil:     Bella Smith, Year 9, 9B (computer login pupil07)"), raw);
        assertFalse(raw.contains("CP plan") || raw.contains("LAC"), "flags stay in the console, for DSLs");
    }

    @Test
    void severity3MakesNoEmailAndSeverity4Does() throws Exception {
        startSmtp();
        startConsole();
        Event minor = Events.valid().setSeverity(3).setCategory("bullying").build();
        sendAcked(minor);
        Event serious = Events.valid().setSeverity(4).setSeq(2).build();
        sendAcked(serious);

        waitUntil(WAIT, "the severity 4 capture's two emails", () -> smtp.getReceivedMessages().length >= 2);
        Thread.sleep(500);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(2, received.length);
        for (MimeMessage message : received) {
            assertEquals("Vigil: severity 4 capture (self-harm) on lab-pc-07", message.getSubject());
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?",
                Db.captureId(dataDir, minor.getEventId())));
    }

    @Test
    void aResentCaptureMakesNoSecondAlert() throws Exception {
        startSmtp();
        startConsole();
        Event event = Events.disclosure().build();
        sendAcked(event);
        sendAcked(event);
        Event later = Events.disclosure().setSeq(2).build();
        sendAcked(later);

        waitUntil(WAIT, "the emails of two captures", () -> smtp.getReceivedMessages().length >= 4);
        Thread.sleep(500);
        assertEquals(4, smtp.getReceivedMessages().length, "two per capture, none for the resend");
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?",
                Db.captureId(dataDir, event.getEventId())));
    }

    @Test
    void withTheMailServerDownAlertsWaitVisiblyAndAreDeliveredExactlyOnceWhenItIsBack() throws Exception {
        startConsole();
        List<Event> events = new ArrayList<>();
        for (int seq = 1; seq <= 2; seq++) {
            Event event = Events.disclosure().setSeq(seq).build();
            sendAcked(event);
            events.add(event);
        }
        waitUntil(WAIT, "every alert tried once and its failure recorded", () -> Db.count(dataDir,
                "SELECT count(*) FROM alert_outbox WHERE attempts >= 1 AND last_error IS NOT NULL") == 4);
        String error = Db.text(dataDir, "SELECT last_error FROM alert_outbox LIMIT 1");
        assertTrue(error.contains("127.0.0.1") && !error.contains("\n"), error);
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NOT NULL"));

        WebSession dsl = WebSession.signIn(console, "admin", PASSWORD);
        HttpResponse<String> overview = dsl.get("/overview");
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("4 email alert(s) not delivered yet"), overview.body());
        assertTrue(overview.body().contains("Couldn&#39;t connect to host")
                || overview.body().contains("Couldn't connect to host"), overview.body());

        startSmtp();
        waitUntil(Duration.ofSeconds(40), "every alert delivered once the server is back",
                () -> Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
        Thread.sleep(500);
        assertDeliveredExactlyOnce();
        assertFalse(dsl.get("/overview").body().contains("not delivered yet"));
    }

    @Test
    void withoutAMailServerAlertsWaitInTheOutboxAndTheOverviewSaysWhy() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        addUsers();
        sendAcked(Events.disclosure().build());
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL"
                + " AND attempts = 0"), "queued with the capture, not tried");
        HttpResponse<String> overview = WebSession.signIn(console, "admin", PASSWORD).get("/overview");
        assertTrue(overview.body().contains("2 email alert(s) not delivered yet"), overview.body());
        assertTrue(overview.body().contains("no mail server configured (set it on the settings page, or"
                + " VIGIL_SMTP_URL and VIGIL_ALERT_FROM)"), overview.body());
        assertTrue(healthz().contains("\"name\":\"vigil-alert-sender\",\"state\":\"RUNNING\""),
                "the sender runs, ready for a mail server set on the settings page");
        Thread.sleep(300);
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE attempts = 0"),
                "nothing tried without a mail server");
    }

    @Test
    void theSenderIsAWorkerOnHealthz() throws Exception {
        startSmtp();
        startConsole();
        String health = healthz();
        assertTrue(health.contains("{\"name\":\"vigil-alert-sender\",\"state\":\"RUNNING\",\"failures\":0"),
                health);
    }

    @Test
    void alertsLeftUndeliveredAreSentAtOnceAfterARestart() throws Exception {
        startConsole();
        sendAcked(Events.disclosure().build());
        waitUntil(WAIT, "a failed attempt", () -> Db.count(dataDir,
                "SELECT count(*) FROM alert_outbox WHERE attempts >= 1") >= 1);
        client.close();
        client = null;
        console.close();
        console = null;

        startSmtp();
        console = Console.start(config());
        waitUntil(Duration.ofSeconds(8), "the waiting alerts sent soon after the start, not after their backoff",
                () -> smtp.getReceivedMessages().length >= 2);
        Thread.sleep(500);
        assertDeliveredExactlyOnce();
    }

    @Test
    void aCaptureWhoseAlertsCannotBeWrittenIsNotStoredNorAckedSoTheAgentSendsItAgain() throws Exception {
        startSmtp();
        startConsole();
        sql("CREATE TRIGGER refuse_alerts BEFORE INSERT ON alert_outbox"
                + " BEGIN SELECT RAISE(ABORT, 'alert outbox refused by the test'); END");
        Event event = Events.disclosure().build();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(event);
            assertEquals(Status.Code.UNAVAILABLE, stream.awaitEnd(WAIT).getCode());
            assertEquals(null, stream.poll(Duration.ZERO), "no ack");
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", event.getEventId()));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox"));

        sql("DROP TRIGGER refuse_alerts");
        sendAcked(event);
        waitUntil(WAIT, "the resent capture's alerts", () -> smtp.getReceivedMessages().length >= 2);
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", event.getEventId()));
        assertDeliveredExactlyOnce();
    }

    private String healthz() throws Exception {
        return new WebSession(console).get("/healthz").body();
    }

    private void assertDeliveredExactlyOnce() throws MessagingException {
        Map<String, Integer> byAlertId = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            byAlertId.merge(message.getHeader("X-Vigil-Alert-Id", null), 1, Integer::sum);
        }
        assertEquals(outboxIds("1 = 1"), byAlertId.keySet(), "every alert in the outbox arrived");
        assertTrue(byAlertId.values().stream().allMatch(count -> count == 1), "none twice: " + byAlertId);
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private ConsoleConfig config() {
        return AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)
                .withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + smtpPort), "vigil@school.example"))
                .withPublicUrl(URI.create(PUBLIC_URL));
    }

    /** A console with the admin (a DSL without an address) and one user of each other kind. */
    private void startConsole() throws Exception {
        console = Console.start(config());
        addUsers();
    }

    private void addUsers() throws Exception {
        addUser("dsl-one", "DSL", "dsl.one@school.example", false);
        addUser("dsl-two", "DSL", " dsl.two@school.example ", false);
        addUser("dsl-left", "DSL", "dsl.left@school.example", true);
        addUser("dsl-no-email", "DSL", null, false);
        addUser("it", "IT_ADMIN", "it@school.example", false);
        addUser("head", "VIEWER", "head@school.example", false);
        client = new GrpcTestClient(console);
        device = client.enroll(console.mintEnrolmentToken());
    }

    private void addUser(String name, String role, String email, boolean disabled) throws SQLException {
        assertTrue(console.services().users().createIfAbsent(name, "not-a-hash", role, false, false,
                Optional.empty()));
        try (Connection connection = connect();
             var statement = connection.prepareStatement(
                     "UPDATE users SET email = ?, disabled = ? WHERE username = ?")) {
            statement.setString(1, email);
            statement.setInt(2, disabled ? 1 : 0);
            statement.setString(3, name);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
    }

    private Set<String> outboxIds(String where) {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT alert_id FROM alert_outbox WHERE " + where)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return ids;
    }

    private static Set<String> recipients(List<MimeMessage> messages) {
        return messages.stream().map(AlertsByEmailTest::to).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private void sendAcked(Event event) throws InterruptedException {
        DeviceStream.sendAcked(client, device.getDeviceId(), device.getDeviceSecret(), event, WAIT);
    }
}
