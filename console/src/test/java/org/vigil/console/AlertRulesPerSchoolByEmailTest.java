package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.console.TwoSchoolsByEmail.WAIT;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void oaksRuleForItsRotaEmailsOaksOnCallDslAndNeverMainsOnCallDsl() throws Exception {
        mail = TwoSchoolsByEmail.start(dataDir, PASSWORD);
        TwoSchools schools = mail.schools();
        onCallAllDay(schools.mainDsl(), "main-dsl");
        onCallAllDay(schools.oakDsl(), "oak-dsl");
        WebSession oak = schools.oakDsl();
        assertEquals(303, oak.post("/alerts/rules", Map.of("position", "1", "min_severity", "3",
                "max_severity", "3", "category", "bullying", "hours", "ANY", "action", "NOW",
                "recipients", "ROTA")).statusCode());
        mail.forgetEmails();

        long oakCapture = schools.sendFrom(schools.oak(), bullying("oak-pupil"));
        waitUntil(WAIT, "the email to oak's DSL on call", () -> !mail.recipients().isEmpty());
        long mainCapture = schools.sendFrom(schools.main(), bullying("main-pupil"));
        Thread.sleep(1_000); // any other email would have been sent in the same round
        assertEquals(Set.of("oak-dsl@trust.example"), mail.recipients(),
                "never main's DSL on call, nor the trust's DSL");
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
}
