package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /settings over HTTP: who sees and changes what, CSRF, refusals on the page, and a password never shown back. */
class SettingsPageWebTest {
    private static final String PASSWORD = "settings page admin passphrase";
    /** A password with characters that must be percent-encoded in the URL. */
    private static final String SMTP_SECRET = "s3cret/P@ss:word%";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession admin;
    private static WebSession dsl;
    private static WebSession it;
    private static WebSession viewer;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        admin = WebSession.signIn(console, "admin", PASSWORD);
        dsl = WebSession.newUser(console, admin, "settings-dsl", "DSL");
        it = WebSession.newUser(console, admin, "settings-it", "IT_ADMIN");
        viewer = WebSession.newUser(console, admin, "settings-head", "VIEWER");
        dsl.refreshCsrf("/settings");
        it.refreshCsrf("/settings");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void theDslAndItSeeEverySettingTheHeaderLinksItAndAViewerIsRefusedAndAudited() throws Exception {
        String page = dsl.get("/settings").body();
        for (String label : new String[] {"The school&#39;s time zone", "School days", "Alerts name the pupil",
                "Minutes before an unopened severity-5 capture is escalated", "Mail server for alert emails"}) {
            assertTrue(page.contains(label), label + " in " + page);
        }
        assertTrue(page.contains("<a href=\"/settings\">Settings</a>"), "linked from the header");
        assertTrue(page.contains("value=\"Europe/London\""), "the default time zone, editable by the DSL");
        assertTrue(page.contains("id=\"mail-read-only\""), "the DSL does not set the mail server");
        assertFalse(page.contains("id=\"mail-form\""));

        String itPage = it.get("/settings").body();
        assertTrue(itPage.contains("id=\"mail-form\""), "IT sets the mail server");
        assertTrue(itPage.contains("(your role may not change it)"), "IT sees the DSL's settings read-only");
        assertFalse(itPage.contains("action=\"/settings/PUPIL_NAMES_IN_ALERTS\""));

        HttpResponse<String> refused = viewer.get("/settings");
        assertEquals(403, refused.statusCode());
        assertFalse(viewer.get("/overview").body().contains("href=\"/settings\""), "no link for a viewer");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = 'settings-head' AND target = 'GET /settings'"));
    }

    @Test
    void aDslChangesTheTimeZoneAndPupilNamesEachAuditedAndABadValueIsRefusedOnThePage() throws Exception {
        HttpResponse<String> saved = dsl.post("/settings/TIME_ZONE", Map.of("value", " Europe/Paris "));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("/settings", dsl.location(saved));
        String page = dsl.get("/settings").body();
        assertTrue(page.contains("Saved: The school's time zone."), page);
        assertTrue(page.contains("value=\"Europe/Paris\""), page);
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"
                + " AND actor = 'settings-dsl' AND target = 'school.time_zone'"
                + " AND detail = 'Europe/London -> Europe/Paris'"));

        assertEquals(303, dsl.post("/settings/PUPIL_NAMES_IN_ALERTS", Map.of("value", "false")).statusCode());
        assertEquals("false", Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'alerts.pupil_names'"));
        assertTrue(dsl.get("/settings").body().contains("<option value=\"false\" selected>no</option>"));

        long audited = Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'");
        HttpResponse<String> bad = dsl.post("/settings/TIME_ZONE", Map.of("value", "Mars/<b>Olympus</b>"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"settings-error\""), bad.body());
        assertTrue(bad.body().contains("is not a time zone (for example Europe/London)."), bad.body());
        assertFalse(bad.body().contains("<b>Olympus"), "the refused value is shown escaped");
        assertEquals("Europe/Paris", Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'school.time_zone'"));
        assertEquals(audited, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"));
    }

    @Test
    void aRoleRefusedASettingGetsTheReasonOnThePageAndAFormWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> itTries = it.post("/settings/PUPIL_NAMES_IN_ALERTS", Map.of("value", "false"));
        assertEquals(400, itTries.statusCode());
        assertTrue(itTries.body().contains("Your role may not change \"Alerts name the pupil\".")
                || itTries.body().contains("Your role may not change &quot;Alerts name the pupil&quot;."),
                itTries.body());
        HttpResponse<String> dslTries = dsl.post("/settings/mail", Map.of("smtp_url", "smtp://relay.school.example",
                "from", "vigil@school.example"));
        assertEquals(400, dslTries.statusCode());
        assertTrue(dslTries.body().contains("Your role may not change the mail server."), dslTries.body());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"
                + " AND actor = 'settings-dsl' AND target LIKE 'mail.%'"));

        HttpResponse<String> noToken = dsl.postRaw("/settings/SCHOOL_DAYS", Map.of("value", "MON"));
        assertEquals(403, noToken.statusCode());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM school_settings WHERE key = 'school.days'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'csrf.refused'"
                + " AND actor = 'settings-dsl' AND target = 'POST /settings/SCHOOL_DAYS'"));
        assertEquals(400, dsl.post("/settings/SMTP_URL", Map.of("value", "smtp://x")).statusCode(),
                "the mail server is set only through its own form, which checks it");
    }

    @Test
    void itSetsTheMailServerAndThePasswordIsNeverShownBackNorAuditedNorRepeatedInARefusal() throws Exception {
        String encoded = "s3cret%2FP%40ss%3Aword%25";
        HttpResponse<String> saved = it.post("/settings/mail", Map.of(
                "smtp_url", "smtp+starttls://vigil%40school.example@smtp.school.example:587",
                "smtp_password", SMTP_SECRET, "from", "vigil@school.example"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("smtp+starttls://vigil%40school.example:" + encoded + "@smtp.school.example:587",
                Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'mail.smtp_url'"));
        String page = it.get("/settings").body();
        assertTrue(page.contains("value=\"smtp+starttls://vigil%40school.example@smtp.school.example:587\""), page);
        assertTrue(page.contains("A password is stored and never shown: leave the field blank to keep it."), page);
        assertNoSecretIn(page);

        // saving again with the password field blank keeps the stored password
        assertEquals(303, it.post("/settings/mail", Map.of(
                "smtp_url", "smtp+starttls://vigil%40school.example@smtp2.school.example:587",
                "smtp_password", "", "from", "vigil@school.example")).statusCode());
        assertEquals("smtp+starttls://vigil%40school.example:" + encoded + "@smtp2.school.example:587",
                Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'mail.smtp_url'"));

        HttpResponse<String> badFrom = it.post("/settings/mail", Map.of(
                "smtp_url", "smtp+starttls://vigil%40school.example@smtp3.school.example:587",
                "smtp_password", SMTP_SECRET, "from", "not an address"));
        assertEquals(400, badFrom.statusCode());
        assertTrue(badFrom.body().contains("The sender's address is not an email address"), badFrom.body());
        assertNoSecretIn(badFrom.body());
        HttpResponse<String> badUrl = it.post("/settings/mail", Map.of(
                "smtp_url", "smtp://vigil:" + SMTP_SECRET + "@smtp3.school.example", "from", "vigil@school.example"));
        assertEquals(400, badUrl.statusCode());
        assertNoSecretIn(badUrl.body());
        assertTrue(Db.text(dataDir, "SELECT value FROM school_settings WHERE key = 'mail.smtp_url'")
                .contains("@smtp2.school.example"), "nothing changed by a refusal");

        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE coalesce(detail, '') LIKE '%s3cret%'"
                + " OR target LIKE '%s3cret%'"), "no password in the audit log");
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"
                + " AND target = 'mail.smtp_url' AND detail = 'changed' AND actor = 'settings-it'") >= 2);
    }

    @Test
    void whenTheEnvironmentSetsTheMailServerThePageShowsItWithoutThePasswordAndRefusesAChange(@TempDir Path other)
            throws Exception {
        try (Console withEnv = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(other).withPlainHttp(), PASSWORD)
                .withMail(new org.vigil.console.alerts.MailSettings(org.vigil.console.alerts.SmtpUrl.parse(
                        "smtps://vigil%40school.example:" + "env-Secret-99" + "@smtp.gmail.com:465"),
                        "vigil@school.example")))) {
            WebSession itAdmin = WebSession.signIn(withEnv, "admin", PASSWORD);
            String page = itAdmin.get("/settings").body();
            assertTrue(page.contains("smtps://vigil@school.example@smtp.gmail.com:465, from vigil@school.example"),
                    page);
            assertFalse(page.contains("env-Secret-99"), page);
            assertFalse(page.contains("id=\"mail-form\""), "read-only");
            HttpResponse<String> refused = itAdmin.post("/settings/mail", Map.of("smtp_url", "smtp://relay.example",
                    "from", "a@school.example"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("set by VIGIL_SMTP_URL on the server"), refused.body());
        }
    }

    private static void assertNoSecretIn(String text) {
        assertFalse(text.contains(SMTP_SECRET), text);
        assertFalse(text.contains("s3cret"), text);
    }
}
