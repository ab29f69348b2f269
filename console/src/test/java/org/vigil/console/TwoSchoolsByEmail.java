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
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;

/**
 * {@link TwoSchools} on a console that sends its alerts to GreenMail, a real SMTP server on loopback: the seeding
 * captures' alerts already sent and forgotten, and {@code main-dsl}, {@code oak-dsl} and {@code trust-dsl} given the
 * addresses {@code USERNAME@trust.example}.
 */
final class TwoSchoolsByEmail implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final GreenMail smtp;
    private final Console console;
    private final TwoSchools schools;

    private TwoSchoolsByEmail(GreenMail smtp, Console console, TwoSchools schools) {
        this.smtp = smtp;
        this.console = console;
        this.schools = schools;
    }

    static TwoSchoolsByEmail start(Path dataDir, String adminPassword) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Console console = null;
        try {
            console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), adminPassword)
                    .withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + port), "vigil@trust.example")));
            TwoSchools schools = TwoSchools.seed(console, adminPassword);
            waitUntil(WAIT, "the seeding captures' alerts are settled", () -> Db.count(dataDir,
                    "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
            smtp.purgeEmailFromAllMailboxes();
            for (String user : new String[] {"main-dsl", "oak-dsl", "trust-dsl"}) {
                assertEquals(null, Db.tryUpdate(dataDir, "UPDATE users SET email = '" + user + "@trust.example'"
                        + " WHERE username = '" + user + "'"));
            }
            return new TwoSchoolsByEmail(smtp, console, schools);
        } catch (Exception | AssertionError e) {
            if (console != null) {
                console.close();
            }
            smtp.stop();
            throw e;
        }
    }

    TwoSchools schools() {
        return schools;
    }

    void forgetEmails() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    /** Everyone emailed since the last {@link #forgetEmails()}. */
    Set<String> recipients() {
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

    @Override
    public void close() throws Exception {
        console.close();
        smtp.stop();
    }
}
