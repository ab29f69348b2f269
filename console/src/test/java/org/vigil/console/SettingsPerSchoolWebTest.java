package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.SignInNotice;

/**
 * The settings page per school over real HTTP (issue 17, ADR 0191): a school's DSL sees and changes their school's
 * values with the trust's default beside each, and gets an audited 403 for the other school's settings by URL,
 * reading or changing; the admin edits the trust's defaults and any school's; the mail server stays the console's.
 */
class SettingsPerSchoolWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String NOTICE = "/settings/NOTICE_TEXT";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
    }

    @Test
    void aSchoolsDslChangesTheirSchoolsValueAndTheOtherSchoolKeepsTheTrustDefault() throws Exception {
        WebSession oak = schools.oakDsl();
        HttpResponse<String> page = oak.get("/settings");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("data-school=\"oak\""), "their own school's settings");
        assertTrue(page.body().contains("The trust&#39;s default (this school has not set its own)")
                || page.body().contains("The trust's default (this school has not set its own)"), page.body());
        assertFalse(page.body().contains("id=\"mail-form\""), "the mail server is the console's");
        assertFalse(page.body().contains("setting-TERM_STARTS"), "only the settings a school may set");

        oak.refreshCsrf("/settings");
        HttpResponse<String> saved = oak.post(NOTICE, Map.of("value", "Oak Academy monitors its laptops."));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("/settings?school=oak", oak.location(saved));
        assertEquals("Oak Academy monitors its laptops.", Db.text(schools.dataDir(), "SELECT value FROM"
                + " school_settings WHERE key = 'agent.notice_text' AND school_id = 2"));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM school_settings WHERE"
                + " key = 'agent.notice_text' AND school_id IS NULL"), "the trust's default is untouched");
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'oak-dsl'"
                + " AND action = 'settings.change' AND target = 'agent.notice_text'")
                .startsWith("school oak (Oak Academy): "), "the audit row names the school");
        String after = oak.get("/settings").body();
        assertTrue(after.contains("Oak Academy monitors its laptops."), after);
        assertTrue(after.contains("Use the trust"), "a way back to the trust's default");

        String main = schools.mainDsl().get("/settings").body();
        assertTrue(main.contains("data-school=\"main\""), main);
        assertFalse(main.contains("Oak Academy monitors its laptops."), "main keeps the trust's notice");
    }

    @Test
    void anotherSchoolsSettingsByUrlAreAnAuditedForbiddenAndChangeNothing() throws Exception {
        WebSession main = schools.mainDsl();
        long before = refusals("main-dsl", "school:oak");
        HttpResponse<String> read = main.get("/settings?school=oak");
        assertEquals(403, read.statusCode());
        assertFalse(read.body().contains("Oak Academy"), "shows nothing of it");
        main.refreshCsrf("/settings");
        assertEquals(403, main.post("/settings/RETENTION_FALSE_POSITIVE_DAYS?school=oak", Map.of("value", "3"))
                .statusCode());
        assertEquals(403, main.post("/settings/NOTICE_TEXT/inherit?school=oak", Map.of()).statusCode());
        assertEquals(before + 3, refusals("main-dsl", "school:oak"), "each refusal audited");
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM school_settings WHERE school_id = 2"
                + " AND key = 'retention.false_positive_days'"), "nothing changed");

        long mailBefore = refusals("main-it", "POST /settings/mail");
        schools.mainIt().refreshCsrf("/settings");
        assertEquals(403, schools.mainIt().post("/settings/mail", Map.of("smtp_url", "smtp://evil.example",
                "smtp_password", "", "from", "x@evil.example")).statusCode(), "the console's mail server");
        assertEquals(mailBefore + 1, refusals("main-it", "POST /settings/mail"));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM school_settings WHERE key = 'mail.smtp_url'"));
    }

    @Test
    void aSchoolsDslCannotChangeWhatIsTheConsoles() throws Exception {
        WebSession oak = schools.oakDsl();
        oak.refreshCsrf("/settings");
        HttpResponse<String> refused = oak.post("/settings/TERM_STARTS", Map.of("value", "09-02,01-06,04-21"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("the same for every school"), refused.body());
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM school_settings WHERE key = 'reports.term_starts'"));
    }

    @Test
    void theAdminEditsTheTrustDefaultsAndAnySchoolsAndATrustLevelDslOfBothSchoolsToo() throws Exception {
        WebSession admin = schools.admin();
        String trust = admin.get("/settings").body();
        assertTrue(trust.contains("id=\"settings-schools\"") && trust.contains("/settings?school=oak")
                && trust.contains("defaults</a>"), trust);
        assertTrue(trust.contains("setting-TERM_STARTS"), "the trust's page has every setting");
        admin.refreshCsrf("/settings");
        assertEquals(303, admin.post("/settings/RETENTION_SCREENSHOT_DAYS", Map.of("value", "60")).statusCode());
        assertEquals(303, admin.post("/settings/RETENTION_SCREENSHOT_DAYS?school=oak", Map.of("value", "20"))
                .statusCode());
        assertEquals("60", Db.text(schools.dataDir(), "SELECT value FROM school_settings WHERE school_id IS NULL"
                + " AND key = 'retention.screenshot_days'"));
        assertEquals("20", Db.text(schools.dataDir(), "SELECT value FROM school_settings WHERE school_id = 2"
                + " AND key = 'retention.screenshot_days'"));
        String oakPage = admin.get("/settings?school=oak").body();
        assertTrue(oakPage.contains("The trust&#39;s default: 60") || oakPage.contains("The trust's default: 60"),
                oakPage);
        assertEquals(200, admin.get("/settings?school=main").statusCode());
        assertEquals(400, admin.get("/settings?school=nowhere").statusCode(), "no such school, for a user of every"
                + " school, is not a secret");

        WebSession trustDsl = schools.trustDsl();
        String both = trustDsl.get("/settings").body();
        assertTrue(both.contains("defaults</a>") && both.contains("/settings?school=oak"), "a trust-level DSL of"
                + " every school works for the whole console (ADR 0176): the defaults and each school's");
        assertTrue(trustDsl.get("/settings?school=oak").body().contains("data-school=\"oak\""));
    }

    @Test
    void aSchoolsNoticeReachesItsOwnDevicesAndNotTheOtherSchools() throws Exception {
        try (GrpcTestClient client = new GrpcTestClient(schools.console());
             DeviceStream main = connected(client, schools.main());
             DeviceStream oak = connected(client, schools.oak())) {
            main.takeNotice(WAIT);
            oak.takeNotice(WAIT);
            WebSession oakDsl = schools.oakDsl();
            oakDsl.refreshCsrf("/settings");
            assertEquals(303, oakDsl.post("/settings/NOTICE_LINK", Map.of("value", "https://oak.example/policy"))
                    .statusCode());
            SignInNotice pushed = oak.takeNotice(WAIT);
            assertEquals("https://oak.example/policy", pushed.getPolicyLink(), "pushed to oak's device");
            assertNull(main.pollNotice(Duration.ofSeconds(2)), "nothing new for main's device");

            schools.admin().refreshCsrf("/settings");
            assertEquals(303, schools.admin().post("/settings/NOTICE_TEXT", Map.of("value",
                    "Every trust laptop is monitored.")).statusCode());
            assertEquals("Every trust laptop is monitored.", main.takeNotice(WAIT).getText(),
                    "main follows the trust's default");
        }
        try (GrpcTestClient client = new GrpcTestClient(schools.console());
             DeviceStream oak = connected(client, schools.oak())) {
            assertEquals("https://oak.example/policy", oak.takeNotice(WAIT).getPolicyLink(),
                    "after a Hello the device gets its school's notice, its own link kept when the default moved");
        }
    }

    private static DeviceStream connected(GrpcTestClient client, TwoSchools.School school) {
        DeviceStream stream = new DeviceStream(client, school.deviceId(), school.deviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion("old")).build());
        return stream;
    }

    private static long refusals(String actor, String target) {
        return schools.refusals(actor, target);
    }
}
