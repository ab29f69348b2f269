package org.vigil.console.alerts.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.ConsoleHome;
import org.vigil.console.ConsoleServices;
import org.vigil.console.alerts.AlertEmail;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.alerts.ConfiguredMail;
import org.vigil.console.alerts.LiveEmailDelivery;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpMailTransport;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.DeviceMonitoring;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.settings.Setting;
import org.vigil.runtime.Supervisor;
import org.vigil.testing.SettableClock;

/**
 * The IT check over a real SQLite console, with a clock the test moves, queuing into the real outbox and sent by
 * the real email sender to GreenMail (a real SMTP server on loopback).
 */
class ItAlertsTest {
    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    private static final String PUBLIC_URL = "https://vigil.school.example/";
    private static final Set<String> IT_ADDRESSES = Set.of("it.one@school.example", "it.two@school.example");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    private final SettableClock clock = new SettableClock(START);
    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
    private GreenMail smtp;
    private ConsoleServices services;
    private AlertSender sender;
    private ItAlertCheck check;
    private long tokenId;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        open();
        MailSettings mail = new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + port), "vigil@school.example");
        sender = new AlertSender(services.alertRepository(), AlertChannel.EMAIL, new LiveEmailDelivery(
                new ConfiguredMail(Optional.of(mail), services.settings()::current),
                () -> new AlertEmail(URI.create(PUBLIC_URL), ZoneId.of("UTC")),
                settings -> new SmtpMailTransport(settings, SmtpMailTransport.TIMEOUT, clock)), clock, List.of(),
                AlertSender.Timing.DEFAULT, supervisor);
        check.onQueued(sender::wake);
        addUser("it-one", "IT_ADMIN", "it.one@school.example", false);
        addUser("it-two", "IT_ADMIN", "it.two@school.example", false);
        addUser("it-left", "IT_ADMIN", "it.left@school.example", true);
        addUser("it-no-email", "IT_ADMIN", null, false);
        addUser("dsl", "DSL", "dsl@school.example", false);
        addUser("head", "VIEWER", "head@school.example", false);
        tokenId = services.enrolmentTokens().create("test", "IT alert tests", 30, Optional.empty()).id();
    }

    /** The console's services over the data dir, as a (re)started console has them, and the check over them. */
    private void open() {
        services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock);
        check = new ItAlertCheck(services.devices(), services.policyInForce(), services.settings(),
                services.deviceProblems(), services.alertRepository(), services.transactions(),
                new ItAlertEmail(URI.create(PUBLIC_URL)), clock);
        if (sender != null) {
            check.onQueued(sender::wake);
        }
    }

    @AfterEach
    void stop() {
        sender.close();
        supervisor.close();
        services.close();
        smtp.stop();
    }

    @Test
    void aSilentDeviceIsEmailedOnceToEachItAdminWithAnAddressNeverToADslAndNotAgainNextRoundOrAfterARestart()
            throws Exception {
        String lab = device("lab-pc-07");
        heartbeat(lab, 0, 0);

        clock.advance(Duration.ofMinutes(14));
        assertEquals(0, check.run(), "heard from 14 minutes ago: not silent yet");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, check.run());

        waitUntil(WAIT, "an email to each IT admin with an address", () -> smtp.getReceivedMessages().length >= 2);
        Thread.sleep(300);
        List<MimeMessage> received = List.of(smtp.getReceivedMessages());
        assertEquals(IT_ADDRESSES, recipients(received), "enabled IT admins with an address; no DSL or viewer");
        for (MimeMessage message : received) {
            assertEquals("Vigil: 1 device needs IT's attention", message.getSubject());
            String body = GreenMailUtil.getBody(message);
            assertTrue(body.contains("- lab-pc-07 (id " + lab + ", group none): silent: no heartbeat for over 15"
                    + " minutes, and its agent did not say it was stopping; since Mon 30 Nov 2026, 09:00"), body);
            assertTrue(body.contains(PUBLIC_URL + "devices"), body);
            assertTrue(body.contains("Europe/London"), "the school's zone is named: " + body);
        }

        clock.advance(Duration.ofMinutes(20));
        assertEquals(0, check.run(), "a problem already told is not told every round");
        services.close();
        open();
        clock.advance(Duration.ofMinutes(20));
        assertEquals(0, check.run(), "nor after a restart");
        assertEquals(2, itEmailsQueued());
    }

    @Test
    void theSchoolsSilentMinutesSettingIsTheThreshold() {
        services.settings().change("test", Setting.SILENT_DEVICE_MINUTES, "60");
        String lab = device("lab-pc-07");
        heartbeat(lab, 0, 0);

        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, check.run());
        clock.advance(Duration.ofMinutes(31));
        assertEquals(1, check.run());
    }

    @Test
    void aDeviceThatStoppedCleanlyIsNotSilentNorIsOneThatNeverConnected() {
        String stopped = device("lab-pc-01");
        heartbeat(stopped, 0, 0);
        assertTrue(services.devices().recordStop(stopped, "shutdown"));
        device("lab-pc-02");

        clock.advance(Duration.ofHours(3));
        assertEquals(0, check.run());
        assertEquals(0, itEmailsQueued());

        heartbeat(stopped, 0, 0);
        clock.advance(Duration.ofMinutes(16));
        assertEquals(1, check.run(), "once heard from again, a silence without a Stopping is silence");
    }

    @Test
    void spoolDropsAreReportedAndOnlyNewDropsAreReportedAgain() throws Exception {
        String lab = device("lab-pc-07");
        heartbeat(lab, 3, 0);
        assertEquals(1, check.run());
        assertTrue(lastItBody().contains("its spool was full and dropped 3 screenshot(s) and 0 event(s)"),
                lastItBody());

        clock.advance(Duration.ofMinutes(1));
        heartbeat(lab, 3, 0);
        assertEquals(0, check.run(), "the same drops are not news");

        clock.advance(Duration.ofMinutes(15));
        heartbeat(lab, 5, 1);
        assertEquals(1, check.run());
        assertTrue(lastItBody().contains("dropped 2 screenshot(s) and 1 event(s)"), lastItBody());
    }

    @Test
    void aDeviceBehindOnPolicyForMoreThanADayWhileHeardFromIsReported() throws Exception {
        String lab = device("lab-pc-07");
        report(lab, "0123456789abcdef-old", 0, 0);
        assertEquals(0, check.run(), "behind for moments: the push is on its way");

        for (int hour = 1; hour <= 23; hour++) {
            clock.advance(Duration.ofHours(1));
            report(lab, "0123456789abcdef-old", 0, 0);
            assertEquals(0, check.run(), "behind for " + hour + " hours");
        }
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        report(lab, "0123456789abcdef-old", 0, 0);
        assertEquals(1, check.run());
        assertTrue(lastItBody().contains("behind on policy: runs 0123456789ab instead of "), lastItBody());
        assertTrue(lastItBody().contains("since Mon 30 Nov 2026, 09:00"), lastItBody());
    }

    @Test
    void problemsFoundBetweenBatchesWaitAndGoOutTogetherInOneEmail() throws Exception {
        String first = device("lab-pc-01");
        String second = device("lab-pc-02");
        String third = device("lab-pc-03");
        heartbeat(first, 0, 0);
        clock.advance(Duration.ofMinutes(16));
        heartbeat(second, 0, 0);
        heartbeat(third, 0, 0);
        assertEquals(1, check.run(), "the first device is silent");

        clock.advance(Duration.ofMinutes(5));
        heartbeat(third, 4, 0);
        assertEquals(0, check.run(), "drops 5 minutes after a batch wait for the next");
        clock.advance(Duration.ofMinutes(11));
        heartbeat(third, 4, 0);
        assertEquals(2, check.run(), "15 minutes after the last batch: the second device's silence and the drops");

        String body = lastItBody();
        assertTrue(body.contains("- lab-pc-02 (id " + second) && body.contains("- lab-pc-03 (id " + third), body);
        assertFalse(body.contains("lab-pc-01"), "told already: " + body);
        assertTrue(body.contains("1 problem reported earlier is not over yet."), body);
        assertEquals(4, itEmailsQueued(), "two batches, one email each per IT admin");
        waitUntil(WAIT, "both batches delivered", () -> smtp.getReceivedMessages().length >= 4);
    }

    @Test
    void aDeviceThatRecoversAndFailsAgainIsReportedAgain() {
        String lab = device("lab-pc-07");
        heartbeat(lab, 0, 0);
        clock.advance(Duration.ofMinutes(16));
        assertEquals(1, check.run());

        heartbeat(lab, 0, 0);
        assertEquals(0, check.run(), "heard from again: the silence is over");
        clock.advance(Duration.ofMinutes(16));
        assertEquals(1, check.run(), "silent again: news again");
        assertEquals(4, itEmailsQueued());
    }

    @Test
    void aHelperKilledWhileItsSessionIsOpenIsEmailedToItWithTheTimeAndNoCaptureContent() throws Exception {
        String lab = device("lab-pc-07");
        String killed = "session helper for user pupil07 stopped without signing off at 2026-11-30T09:00:00Z";
        tamper(lab, killed);
        String capture = "tonight i want to kill myself";
        services.captures().storeIfAbsent(new NewCapture(UUID.randomUUID().toString(), lab, 1,
                START.toEpochMilli(), "pupil07", "Notes", "gedit", "self-harm", 5, "self-harm.txt:1", "kill myself",
                capture, 15, 26, "matched", Optional.empty()));

        assertEquals(1, check.run());

        waitUntil(WAIT, "an email to each IT admin", () -> itMessages().size() >= 2);
        assertEquals(IT_ADDRESSES, recipients(itMessages()));
        String body = GreenMailUtil.getBody(itMessages().get(0));
        assertTrue(body.contains("- lab-pc-07 (id " + lab + ", group none): possible tamper: " + killed
                + " (killed or crashed while its session was open;"), body);
        assertFalse(body.contains("kill myself") || body.contains("gedit"), "no capture content: " + body);

        clock.advance(Duration.ofMinutes(20));
        tamper(lab, killed);
        assertEquals(0, check.run(), "told once");
        heartbeatMonitoring(lab, List.of());
        assertEquals(0, check.run(), "the helper back: over");
        clock.advance(Duration.ofMinutes(20));
        tamper(lab, "session helper for user pupil07 stopped without signing off at 2026-11-30T09:40:00Z");
        assertEquals(1, check.run(), "killed again: news again");
    }

    @Test
    void withoutPupilNamesInAlertsTheTamperLineDoesNotNameThePupil() {
        services.settings().change("test", Setting.PUPIL_NAMES_IN_ALERTS, "no");
        String lab = device("lab-pc-08");
        tamper(lab, "session helper for user pupil07 stopped without signing off at 2026-11-30T09:00:00Z");

        assertEquals(1, check.run());
        String body = lastItBody();
        assertTrue(body.contains("possible tamper: a session helper stopped without signing off at"
                + " 2026-11-30T09:00:00Z"), body);
        assertFalse(body.contains("pupil07"), body);
    }

    /** The IT emails GreenMail received (a severity-5 capture also sends the DSL its own alert). */
    private List<MimeMessage> itMessages() {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getSubject().endsWith("IT's attention")) {
                    out.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private void tamper(String deviceId, String report) {
        heartbeatMonitoring(deviceId, List.of(report));
    }

    private void heartbeatMonitoring(String deviceId, List<String> deadWorkers) {
        assertTrue(services.devices().recordReport(deviceId, new DeviceReport("0.9", "Linux", "pupil07", 0, 0, 0,
                expectedVersion(deviceId), Optional.of(new DeviceMonitoring(
                        deadWorkers.isEmpty(), Optional.of(clock.instant()), deadWorkers)))));
    }

    private String device(String hostname) {
        String id = UUID.randomUUID().toString();
        services.devices().insert(new NewDevice(id, "x", hostname, "Linux", "0.9", "pupil07", tokenId));
        return id;
    }

    /** A heartbeat from a device running the policy it should. */
    private void heartbeat(String deviceId, long screenshotsDropped, long eventsDropped) {
        report(deviceId, expectedVersion(deviceId), screenshotsDropped, eventsDropped);
    }

    private void report(String deviceId, String policyVersion, long screenshotsDropped, long eventsDropped) {
        assertTrue(services.devices().recordReport(deviceId, new DeviceReport("0.9", "Linux", "pupil07", 0,
                screenshotsDropped, eventsDropped, policyVersion)));
    }

    private String expectedVersion(String deviceId) {
        return services.devices().list().stream().filter(d -> d.id().equals(deviceId)).findFirst()
                .flatMap(services.policyInForce()::versionFor).orElseThrow();
    }

    private void addUser(String name, String role, String email, boolean disabled) throws SQLException {
        assertTrue(services.users().createIfAbsent(name, "not-a-hash", role, false, false,
                Optional.ofNullable(email)));
        try (Connection connection = services.home().database().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE users SET disabled = ? WHERE username = ?")) {
            statement.setInt(1, disabled ? 1 : 0);
            statement.setString(2, name);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private int itEmailsQueued() {
        return services.home().database().withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*) FROM alert_outbox WHERE kind = 'IT'");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private String lastItBody() {
        return services.home().database().withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT body FROM alert_outbox WHERE kind = 'IT' ORDER BY id DESC LIMIT 1");
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        });
    }

    private static Set<String> recipients(List<MimeMessage> messages) throws MessagingException {
        Set<String> out = new TreeSet<>();
        for (MimeMessage message : messages) {
            out.add(message.getAllRecipients()[0].toString());
        }
        return out;
    }

    /** A clock the test moves by hand: silence, a day behind and batching take no real time. */
}
