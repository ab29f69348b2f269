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
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;

/**
 * Alerts per school (issue 17, ADR 0191) end to end: two schools on one console, captures over real gRPC/TLS, the
 * outbox, and Angus Mail to GreenMail, a real SMTP server on loopback. A severity-5 capture at one school emails
 * that school's DSL and the trust-level DSL who works for it, and never the other school's DSL.
 */
class AlertsPerSchoolTest {
    private static final String PASSWORD = "admin passphrase for alerts per school";
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
    void aSeverity5CaptureAtOneSchoolEmailsItsDslsAndNeverTheOtherSchools() throws Exception {
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
        smtp.purgeEmailFromAllMailboxes();
        for (String user : new String[] {"main-dsl", "oak-dsl", "trust-dsl"}) {
            assertEquals(null, Db.tryUpdate(dataDir, "UPDATE users SET email = '" + user + "@trust.example'"
                    + " WHERE username = '" + user + "'"));
        }

        long oakCapture = schools.sendFrom(schools.oak(), Events.disclosure().setUser("oak-pupil").build());
        waitUntil(WAIT, "emails to oak's DSL and the trust-level DSL", () -> recipients().size() >= 2);
        Thread.sleep(1_000); // any email to main's DSL would have been sent in the same round
        assertEquals(Set.of("oak-dsl@trust.example", "trust-dsl@trust.example"), recipients(),
                "never main's DSL");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?"
                + " AND recipient = 'main-dsl@trust.example'", oakCapture), "nothing queued for main's DSL either");

        smtp.purgeEmailFromAllMailboxes();
        schools.sendFrom(schools.main(), Events.disclosure().setUser("main-pupil").build());
        waitUntil(WAIT, "emails to main's DSL and the trust-level DSL", () -> recipients().size() >= 2);
        Thread.sleep(1_000);
        assertEquals(Set.of("main-dsl@trust.example", "trust-dsl@trust.example"), recipients(), "never oak's DSL");
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
