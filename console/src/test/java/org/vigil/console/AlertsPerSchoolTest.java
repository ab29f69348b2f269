package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.console.TwoSchoolsByEmail.WAIT;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts per school (issue 17, ADR 0191) end to end: two schools on one console, captures over real gRPC/TLS, the
 * outbox, and Angus Mail to GreenMail, a real SMTP server on loopback. A severity-5 capture at one school emails
 * that school's DSL and the trust-level DSL who works for it, and never the other school's DSL.
 */
class AlertsPerSchoolTest {
    private static final String PASSWORD = "admin passphrase for alerts per school";

    @TempDir
    Path dataDir;
    private TwoSchoolsByEmail mail;

    @AfterEach
    void stop() throws Exception {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aSeverity5CaptureAtOneSchoolEmailsItsDslsAndNeverTheOtherSchools() throws Exception {
        mail = TwoSchoolsByEmail.start(dataDir, PASSWORD);
        TwoSchools schools = mail.schools();

        long oakCapture = schools.sendFrom(schools.oak(), Events.disclosure().setUser("oak-pupil").build());
        waitUntil(WAIT, "emails to oak's DSL and the trust-level DSL", () -> mail.recipients().size() >= 2);
        Thread.sleep(1_000); // any email to main's DSL would have been sent in the same round
        assertEquals(Set.of("oak-dsl@trust.example", "trust-dsl@trust.example"), mail.recipients(),
                "never main's DSL");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM alert_outbox WHERE capture_id = ?"
                + " AND recipient = 'main-dsl@trust.example'", oakCapture), "nothing queued for main's DSL either");

        mail.forgetEmails();
        schools.sendFrom(schools.main(), Events.disclosure().setUser("main-pupil").build());
        waitUntil(WAIT, "emails to main's DSL and the trust-level DSL", () -> mail.recipients().size() >= 2);
        Thread.sleep(1_000);
        assertEquals(Set.of("main-dsl@trust.example", "trust-dsl@trust.example"), mail.recipients(),
                "never oak's DSL");
    }
}
