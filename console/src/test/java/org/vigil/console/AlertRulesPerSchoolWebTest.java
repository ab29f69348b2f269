package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert rules page per school over real HTTP (issue 17, ADR 0204): a school's DSL sees and changes their
 * school's rules, rota and hours (the trust's shown after its own), never the other school's: that school's page
 * by URL, or one of its rules by id, is an audited 403, reading or changing, and changes nothing. The admin edits
 * the trust's rules and any school's.
 */
class AlertRulesPerSchoolWebTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
    }

    @Test
    void aSchoolsDslChangesTheirSchoolsRulesAndHoursAndTheOtherSchoolKeepsTheTrusts() throws Exception {
        WebSession oak = schools.oakDsl();
        HttpResponse<String> page = oak.get("/alerts/rules");
        assertEquals(200, page.statusCode(), "no longer a page of every school: " + page.body());
        assertTrue(page.body().contains("data-school=\"oak\""), "their own school's rules");
        assertTrue(page.body().contains("(the trust&#39;s)") || page.body().contains("(the trust's)"),
                "the trust's rules in force, marked");

        oak.refreshCsrf("/alerts/rules");
        HttpResponse<String> added = oak.post("/alerts/rules", rule("drugs"));
        assertEquals(303, added.statusCode(), added.body());
        assertEquals("/alerts/rules?school=oak", oak.location(added));
        assertEquals(2, Db.count(schools.dataDir(), "SELECT school_id FROM alert_rules WHERE category = 'drugs'"));
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'oak-dsl'"
                + " AND action = 'alert.rule.add'").startsWith("school oak (Oak Academy): Severity 2, category drugs"),
                "the audit row names the school");
        assertEquals(303, oak.post("/alerts/hours", Map.of("starts", "09:00", "ends", "15:00")).statusCode());
        assertEquals("09:00-15:00", Db.text(schools.dataDir(), "SELECT starts || '-' || ends"
                + " FROM alert_hours_per_school WHERE school_id = 2"));
        assertEquals("08:30-15:30", Db.text(schools.dataDir(), "SELECT starts || '-' || ends"
                + " FROM alert_school_hours"), "the trust's hours are untouched");

        String after = oak.get("/alerts/rules").body();
        assertTrue(after.contains("Severity 2, category drugs"), after);
        assertTrue(after.contains("id=\"hours-inherit\""), "a way back to the trust's hours");
        String main = schools.mainDsl().get("/alerts/rules").body();
        assertTrue(main.contains("data-school=\"main\""), main);
        assertFalse(main.contains("category drugs"), "main reads only the trust's rules");
        assertTrue(main.contains("value=\"08:30\""), "and the trust's hours");
    }

    @Test
    void anotherSchoolsRulesByUrlOrByIdAreAnAuditedForbiddenAndChangeNothing() throws Exception {
        WebSession oak = schools.oakDsl();
        oak.refreshCsrf("/alerts/rules");
        assertEquals(303, oak.post("/alerts/rules", rule("violence-weapons")).statusCode());
        long oakRule = Db.count(schools.dataDir(), "SELECT id FROM alert_rules WHERE category = 'violence-weapons'");
        long rules = Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rules");

        WebSession main = schools.mainDsl();
        long before = refusals("main-dsl", "school:oak");
        HttpResponse<String> read = main.get("/alerts/rules?school=oak");
        assertEquals(403, read.statusCode());
        assertFalse(read.body().contains("category violence-weapons"), "shows nothing of it");
        main.refreshCsrf("/alerts/rules");
        assertEquals(403, main.post("/alerts/rules?school=oak", rule("extremism")).statusCode());
        assertEquals(403, main.post("/alerts/hours?school=oak", Map.of("starts", "07:00", "ends", "12:00"))
                .statusCode());
        assertEquals(403, main.post("/alerts/rota?school=oak", Map.of("day", "MONDAY", "starts", "18:00",
                "ends", "08:00", "position", "1", "user", "1")).statusCode());
        assertEquals(before + 4, refusals("main-dsl", "school:oak"), "each refusal audited");

        long byId = refusals("main-dsl", "alert-rule:" + oakRule);
        assertEquals(403, main.post("/alerts/rules/" + oakRule + "/delete", Map.of()).statusCode(),
                "oak's rule by its id, from main's own page");
        assertEquals(403, main.post("/alerts/rules/" + oakRule, rule("bullying")).statusCode());
        assertEquals(byId + 2, refusals("main-dsl", "alert-rule:" + oakRule));

        assertEquals(rules, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rules"), "nothing changed");
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rules WHERE category = 'violence-weapons'"));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_hours_per_school"
                + " WHERE starts = '07:00'"));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rota WHERE school_id = 2"));
    }

    @Test
    void theAdminEditsTheTrustsRulesAndAnySchoolsAndATrustLevelDslChoosesBetweenTheirSchools() throws Exception {
        WebSession admin = schools.admin();
        String trust = admin.get("/alerts/rules").body();
        assertTrue(trust.contains("id=\"alerts-schools\"") && trust.contains("/alerts/rules?school=oak")
                && (trust.contains("The trust&#39;s rules</a>") || trust.contains("The trust's rules</a>")), trust);
        admin.refreshCsrf("/alerts/rules");
        assertEquals(303, admin.post("/alerts/rules", rule("gambling")).statusCode());
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rules WHERE category = 'gambling'"
                + " AND school_id IS NULL"), "the trust's rule");
        HttpResponse<String> oakRule = admin.post("/alerts/rules?school=oak", rule("cse-grooming"));
        assertEquals("/alerts/rules?school=oak", admin.location(oakRule));
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM alert_rules WHERE category = 'cse-grooming'"
                + " AND school_id = 2"), "oak's own rule");
        assertTrue(schools.mainDsl().get("/alerts/rules").body().contains("category gambling"),
                "the trust's rule is in force at main");

        WebSession trustDsl = schools.trustDsl();
        String both = trustDsl.get("/alerts/rules?school=oak").body();
        assertTrue(both.contains("data-school=\"oak\"") && both.contains("category cse-grooming"), both);
        assertTrue(trustDsl.get("/alerts/rules?school=main").body().contains("data-school=\"main\""));
    }

    /** A rule at the top for severity 2 of the category: into the digest, so the severity-5 promise holds. */
    private static Map<String, String> rule(String category) {
        return Map.of("position", "1", "min_severity", "2", "max_severity", "2", "category", category,
                "hours", "ANY", "action", "DIGEST", "recipients", "ALL_DSLS");
    }

    private static long refusals(String actor, String target) {
        return schools.refusals(actor, target);
    }
}
