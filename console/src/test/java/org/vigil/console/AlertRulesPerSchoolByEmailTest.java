package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.proto.v1.Event;

/**
 * A school's own alert rule and rota end to end (issue 17, ADR 0204): two schools on one console, each with its own
 * rota set on its own rules page over real HTTP, captures over real gRPC/TLS, the outbox, and Angus Mail to
 * GreenMail, a real SMTP server on loopback. Oak's rule sends its severity-3 bullying captures at once to whoever is
 * on oak's rota: oak's DSL is emailed, never main's DSL on main's rota, nor the trust-level DSL who is on no rota;
 * the same capture at main follows the trust's rules (the morning digest) and emails no one now.
 */
class AlertRulesPerSchoolByEmailTest {
    private static final String PASSWORD = "admin passphrase for rules per school";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private GreenMail smtp;
    private Console console;

    @AfterEach
    void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void oaksRuleForItsRotaEmailsOaksOnCallDslAndNeverMainsOnCallDsl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)
                .withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + port), "vigil@trust.example")));
        TwoSchools schools = TwoSchools.seed(console, PASSWORD);
        waitUntil(WAIT, "the seeding captures' alerts are settled", () -> Db.count(dataDir,
                "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
        for (String user : new String[] {"main-dsl", "oak-dsl", "trust-dsl"}) {
            assertEquals(null, Db.tryUpdate(dataDir, "UPDATE users SET email = '" + user + "@trust.example'"
                    + " WHERE username = '" + user + "'"));
        }
        onCallAllDay(schools.mainDsl(), "main-dsl");
        onCallAllDay(schools.oakDsl(), "oak-dsl");
        WebSession oak = schools.oakDsl();
        assertEquals(303, oak.post("/alerts/rules", Map.of("position", "1", "min_severity", "3",
                "max_severity", "3", "category", "bullying", "hours", "ANY", "action", "NOW",
                "recipients", "ROTA")).statusCode());
        smtp.purgeEmailFromAllMailboxes();

        long oakCapture = schools.sendFrom(schools.oak(), bullying("oak-pupil"));
        waitUntil(WAIT, "the email to oak's DSL on call", () -> !recipients().isEmpty());
        long mainCapture = schools.sendFrom(schools.main(), bullying("main-pupil"));
        Thread.sleep(1_000); // any other email would have been sent in the same round
        assertEquals(Set.of("oak-dsl@trust.example"), recipients(), "never main's DSL on call, nor the trust's DSL");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?", oakCapture));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?", mainCapture),
                "main follows the trust's rules: severity 3 waits for the morning digest");
    }

    /** Puts the DSL on their own school's rota, on call all of today and tomorrow (the school's zone is London). */
    private void onCallAllDay(WebSession dsl, String username) throws Exception {
        long id = Db.count(dataDir, "SELECT id FROM users WHERE username = ?", username);
        dsl.refreshCsrf("/alerts/rules");
        DayOfWeek today = LocalDate.now(ZoneId.of("Europe/London")).getDayOfWeek();
        for (DayOfWeek day : new DayOfWeek[] {today, today.plus(1)}) {
            assertEquals(303, dsl.post("/alerts/rota", Map.of("day", day.name(), "starts", "00:00", "ends",
                    "00:00", "position", "1", "user", Long.toString(id))).statusCode());
        }
    }

    private static Event bullying(String pupil) {
        return Events.valid().setSeverity(3).setCategory("bullying").setRuleId("bullying.txt:4").setUser(pupil)
                .build();
    }

    private Set<String> recipients() {
        Set<String> out = new TreeSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                for (Address to : message.getAllRecipients()) {
                    out.add(to.toString());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        assertTrue(out.stream().allMatch(a -> a.endsWith("@trust.example")), out.toString());
        return out;
    }
}
