package org.vigil.console.alerts.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.ConsoleServices;
import org.vigil.console.alerts.AlertEmail;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.alerts.AlertWorld;
import org.vigil.console.alerts.ConfiguredMail;
import org.vigil.console.alerts.LiveEmailDelivery;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.ScheduledAlerts;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.testing.SettableClock;
import org.vigil.console.alerts.SmtpMailTransport;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.AlertChannel;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/**
 * The morning digest over a real console's SQLite file and a settable clock (the school in London, GMT in
 * November): due at 08:00 on school days only, once per day whatever runs again or restarts, never empty, never
 * the typed text; and delivered through the real sender to GreenMail, a real SMTP server.
 */
class MorningDigestTest {
    private static final URI CONSOLE = URI.create("https://vigil.school.example/");
    /** Thursday 26 November 2026, 20:00 GMT: before Friday's digest. */
    private static final Instant THURSDAY_EVENING = Instant.parse("2026-11-26T20:00:00Z");
    private static final Instant FRIDAY_TEN = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant SATURDAY_NINE = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant MONDAY_EIGHT = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;
    private AlertWorld world;

    @BeforeEach
    void start() {
        world = new AlertWorld(dir, new SettableClock(THURSDAY_EVENING));
        world.dsl("alice");
        world.dsl("bob");
        world.user("ian", "IT_ADMIN", Optional.of("ian@school.example"));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void mondaysDigestListsTheCapturesSinceFridaysDigestOncePerDslAndNothingTheyTyped() {
        world.capture(2, "bullying");
        world.clock().set(FRIDAY_TEN);
        long bullying = world.capture(3, "bullying");
        long drugs = world.capture(2, "drugs");
        world.capture(5, "suicide");
        world.clock().set(SATURDAY_NINE);
        long saturday = world.capture(3, "bullying");

        assertEquals(0, digest().runOnce(), "Saturday is not a school day");
        world.clock().set(MONDAY_EIGHT.minusSeconds(60));
        assertEquals(0, digest().runOnce(), "07:59");
        world.clock().set(MONDAY_EIGHT);
        assertEquals(2, digest().runOnce());

        assertEquals(List.of("EMAIL alice@school.example 2026-11-30 Vigil: morning digest, 3 captures (Monday 30"
                        + " November 2026)",
                "EMAIL bob@school.example 2026-11-30 Vigil: morning digest, 3 captures (Monday 30 November 2026)"),
                world.outbox("DIGEST"), "not IT; not the severity-5 capture (alerted at once)");
        String body = world.body("DIGEST", "alice@school.example");
        assertTrue(body.contains("stored from Fri 27 Nov 08:00 to Mon 30 Nov 08:00 (Europe/London)"), body);
        assertTrue(body.contains("  bullying:  severity 3: 2\n  drugs:  severity 2: 1\n"), body);
        assertTrue(body.contains("  Fri 27 Nov 10:00  severity 3  bullying  pupil07  lab-pc-07  "
                + CONSOLE + "captures/" + bullying + "\n"), body);
        assertTrue(body.contains("captures/" + drugs + "\n") && body.contains("captures/" + saturday + "\n"), body);
        assertFalse(body.contains("Thu 26 Nov"), "Thursday evening's capture was in Friday's digest");
        assertFalse(body.contains("secret typed words") || body.contains("Private diary")
                || body.contains("the pupil typed"), "no typed text, context or window title");
    }

    @Test
    void aConsoleDownAtEightSendsTheDigestWhenItComesUpThatDayAndOnlyOnceAfterARestart() {
        world.clock().set(FRIDAY_TEN);
        world.capture(3, "bullying");
        world.clock().set(MONDAY_EIGHT.plus(Duration.ofMinutes(40)));
        assertEquals(2, digest().runOnce(), "up at 08:40: sent now");
        assertEquals(0, digest().runOnce());

        world.restart();
        world.clock().set(MONDAY_EIGHT.plus(Duration.ofMinutes(45)));
        assertEquals(0, digest().runOnce(), "a restart the same morning sends nothing again");
        assertEquals(2, world.outbox("DIGEST").size());
    }

    @Test
    void aDayWithNothingToReportSendsNoEmail() {
        world.clock().set(MONDAY_EIGHT);
        world.capture(4, "self-harm");
        world.clock().set(MONDAY_EIGHT.plus(Duration.ofDays(1)));
        assertEquals(0, digest().runOnce(), "Tuesday: only a severity-4 capture since Monday's digest");
        assertEquals(List.of(), world.outbox("DIGEST"));
    }

    @Test
    void theSchoolsDaysTimeAndNameSettingsAreFollowed() {
        ConsoleServices services = world.services();
        services.settings().change("alice", Setting.SCHOOL_DAYS, "MON,TUE,WED,THU,FRI,SAT");
        services.settings().change("alice", Setting.DIGEST_TIME, "07:30");
        services.settings().change("alice", Setting.PUPIL_NAMES_IN_ALERTS, "no");
        world.clock().set(FRIDAY_TEN);
        world.capture(3, "bullying");
        world.clock().set(Instant.parse("2026-11-28T07:30:00Z"));

        assertEquals(2, digest().runOnce(), "Saturday is a school day now, at 07:30");
        String body = world.body("DIGEST", "bob@school.example");
        assertFalse(body.contains("pupil07"), body);
        assertTrue(body.contains("(time, severity, category, device)"), body);
    }

    @Test
    void theScheduledDigestReachesEachDslByRealSmtpOnce() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        world.clock().set(FRIDAY_TEN);
        world.capture(3, "bullying");
        world.clock().set(MONDAY_EIGHT);
        try (Supervisor supervisor = new Supervisor(Fatal.exitProcess(), world.clock())) {
            ConsoleServices services = world.services();
            AlertSender sender = new AlertSender(services.alertRepository(), AlertChannel.EMAIL,
                    new LiveEmailDelivery(new ConfiguredMail(Optional.of(new MailSettings(
                            SmtpUrl.parse("smtp://127.0.0.1:" + port), "vigil@school.example")),
                            services.settings()::current),
                            () -> new AlertEmail(CONSOLE, services.settings().current().zone()),
                            mail -> new SmtpMailTransport(mail, Duration.ofSeconds(5), world.clock())), world.clock(),
                    List.of(), new AlertSender.Timing(Duration.ofMinutes(5), Duration.ofSeconds(10),
                            Duration.ofMinutes(10)), supervisor);
            try (ScheduledAlerts checks = new ScheduledAlerts("vigil-alert-digest", digest()::runOnce,
                    Duration.ofMillis(100), Duration.ofMillis(100), sender::wake, supervisor)) {
                waitUntil(Duration.ofSeconds(15), "a digest to each DSL", () -> smtp.getReceivedMessages().length >= 2);
                Thread.sleep(500);
                List<MimeMessage> received = Arrays.asList(smtp.getReceivedMessages());
                assertEquals(Set.of("alice@school.example", "bob@school.example"), received.stream()
                        .map(m -> GreenMailUtil.getAddressList(unchecked(m))).collect(Collectors.toSet()),
                        "once each, though the check ran several times");
                for (MimeMessage message : received) {
                    assertEquals("Vigil: morning digest, 1 capture (Monday 30 November 2026)", message.getSubject());
                    assertTrue(GreenMailUtil.getBody(message).contains("bullying"));
                }
            } finally {
                sender.close();
            }
        } finally {
            smtp.stop();
        }
    }

    private static jakarta.mail.Address[] unchecked(MimeMessage message) {
        try {
            return message.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MorningDigest digest() {
        SchoolAlerts school = world.services().schoolAlerts();
        return new MorningDigest(school.books(), school.recipients(), school.digestCaptures(),
                world.services().alertRepository(), CONSOLE, world.clock());
    }
}
