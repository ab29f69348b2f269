package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /alerts/rules over real HTTP on a real console: DSL only (403 and an audit row for others), CSRF on every form,
 * refusals shown on the page with the hostile text escaped, each change audited; and opening a capture's page
 * marks it opened, which is what stops its escalation.
 */
class AlertRulesWebTest {
    private static final String PASSWORD = "admin passphrase for alert rules";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession admin;
    private static WebSession it;
    private static WebSession viewer;
    private static long adminId;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        admin = WebSession.signIn(console, "admin", PASSWORD);
        it = WebSession.newUser(console, admin, "it-tech", "IT_ADMIN");
        viewer = WebSession.newUser(console, admin, "chair-of-governors", "VIEWER");
        adminId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'admin'");
        assertEquals(303, admin.post("/users/" + adminId + "/email", Map.of("email", "admin@school.example"))
                .statusCode());
        admin.refreshCsrf("/alerts/rules");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void onlyDslsSeeOrChangeTheRulesAndTheHeaderLinksThemForDslsOnly() throws Exception {
        long rulesBefore = Db.count(dataDir, "SELECT count(*) FROM alert_rules");
        for (WebSession other : List.of(it, viewer)) {
            assertEquals(403, other.get("/alerts/rules").statusCode());
            assertEquals(403, other.post("/alerts/rules/1/delete", Map.of()).statusCode());
            assertEquals(403, other.post("/alerts/rota", Map.of("day", "MONDAY", "starts", "18:00", "ends", "08:00",
                    "position", "1", "user", Long.toString(adminId))).statusCode());
            assertFalse(other.get("/overview").body().contains("href=\"/alerts/rules\""));
        }
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND target = 'GET /alerts/rules'") >= 2);
        assertEquals(rulesBefore, Db.count(dataDir, "SELECT count(*) FROM alert_rules"), "nothing changed");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action LIKE 'alert.%'"
                + " AND actor IN ('it-tech', 'chair-of-governors')"));

        HttpResponse<String> page = admin.get("/alerts/rules");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"/alerts/rules\""), "linked in the header");
        assertTrue(page.body().contains("Severity 4-5, any category, at any time: alert at once to every DSL with an"
                + " email, and the webhook"), page.body());
    }

    @Test
    void aFormWithoutTheSessionsTokenChangesNothing() throws Exception {
        HttpResponse<String> forged = admin.postRaw("/alerts/hours", Map.of("starts", "07:00", "ends", "16:00"));
        assertEquals(403, forged.statusCode());
        assertEquals("08:30", Db.text(dataDir, "SELECT starts FROM alert_school_hours"));
    }

    @Test
    void aRefusalIsShownOnThePageWithTheHostileTextEscapedAndNothingChanges() throws Exception {
        String hostile = "<script>alert('x')</script>";
        HttpResponse<String> refused = admin.post("/alerts/rules", Map.of("position", "1", "min_severity", "3",
                "max_severity", "3", "category", hostile, "hours", "ANY", "action", "NOW", "recipients", "ALL_DSLS"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("is not a category id"), refused.body());
        assertTrue(refused.body().contains("&lt;script&gt;"), refused.body());
        assertFalse(refused.body().contains(hostile), "escaped");

        long severe = Db.count(dataDir, "SELECT id FROM alert_rules WHERE min_severity = 4");
        HttpResponse<String> guarded = admin.post("/alerts/rules/" + severe + "/delete", Map.of());
        assertEquals(400, guarded.statusCode());
        assertTrue(guarded.body().contains("Severity 5 must always alert at once"), guarded.body());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action LIKE 'alert.rule.%'"
                + " AND target = 'alert-rule:" + severe + "'"));
    }

    @Test
    void aRotaBandAndARuleChangeAreSavedAndAudited() throws Exception {
        HttpResponse<String> rota = admin.post("/alerts/rota", Map.of("day", "FRIDAY", "starts", "18:00",
                "ends", "08:00", "position", "1", "user", Long.toString(adminId)));
        assertEquals(303, rota.statusCode(), rota.body());
        HttpResponse<String> shown = admin.get("/alerts/rules");
        assertTrue(shown.body().contains("Added to the rota on 1 day."), shown.body());
        assertTrue(shown.body().contains("Friday 18:00 to Saturday 08:00"), shown.body());

        long digest = Db.count(dataDir, "SELECT id FROM alert_rules WHERE min_severity = 1");
        HttpResponse<String> changed = admin.post("/alerts/rules/" + digest, Map.of("position", "2",
                "min_severity", "1", "max_severity", "3", "category", "", "hours", "OUT", "action", "NONE",
                "recipients", "ALL_DSLS"));
        assertEquals(303, changed.statusCode(), changed.body());
        assertEquals("OUT NONE", Db.text(dataDir, "SELECT hours || ' ' || action FROM alert_rules WHERE id = ?",
                digest));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'alert.rota.add'"
                + " AND actor = 'admin' AND detail = 'Friday 18:00 to Saturday 08:00: admin (first on)'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'alert.rule.change'"
                + " AND actor = 'admin' AND detail LIKE '%-> 2. Severity 1-3, any category, out of hours: no alert%'"));
    }

    @Test
    void openingACapturesPageMarksItOpenedWithTheViewsAuditRow() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.disclosure().build())).get(0);
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ? AND first_opened_at IS NOT NULL",
                id));
        assertEquals(200, admin.get("/captures/" + id).statusCode());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ? AND first_opened_at IS NOT NULL",
                id));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.view'"
                + " AND target = ?", "capture:" + id));
    }
}
