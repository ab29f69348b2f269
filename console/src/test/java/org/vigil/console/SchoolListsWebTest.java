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
 * /lists over real HTTP (ADR 0193): a school's IT sees and changes their school's lists, each change audited with
 * the school; another school's lists, and any change to them, by direct URL, is an audited 403 that changes nothing;
 * a trust-level IT works on each chosen school; a change that cannot be used is refused with its line.
 */
class SchoolListsWebTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;
    private static WebSession oakIt;
    private static WebSession trustIt;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
        oakIt = schools.newOakIt();
        trustIt = schools.newTrustIt();
    }

    @Test
    void aSchoolsItChangesTheirSchoolsListsAndEachChangeIsAuditedWithTheSchool() throws Exception {
        HttpResponse<String> page = oakIt.get("/lists");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Lists of Oak Academy"), "their school's page, without naming it");
        assertTrue(page.body().contains("href=\"/lists\""), "the menu offers their school's lists");
        assertFalse(page.body().contains("href=\"/wordlists\""), "not the trust's, which they cannot open");

        oakIt.refreshCsrf("/lists");
        HttpResponse<String> published = oakIt.post("/lists/edit", Map.of("school", "oak", "base", "none",
                "text", "# Oak\noff gambling\n", "reason", "primary school"));

        assertEquals(303, published.statusCode(), published.body());
        assertEquals("/lists?school=oak", oakIt.location(published));
        String version = running.get().services().schoolPolicies().layer(2).version();
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'oak-it'"
                + " AND action = 'policy.edit' AND target = ? AND detail = 'school oak: primary school'",
                "policy:" + version));
        assertTrue(oakIt.get("/lists?school=oak").body().contains("off gambling"));
    }

    @Test
    void anotherSchoolsListsAndChangesToThemAreAnAuditedForbiddenThatChangesNothing() throws Exception {
        long before = refusals("oak-it", "school:main");
        long mainChanges = mainChanges();
        assertEquals(403, oakIt.get("/lists?school=main").statusCode());
        oakIt.refreshCsrf("/lists");
        assertEquals(403, oakIt.post("/lists/edit", Map.of("school", "main", "base", "none",
                "text", "off drugs\n")).statusCode());
        assertEquals(403, oakIt.post("/lists/remove", Map.of("school", "main", "base", "none",
                "group", "ks1")).statusCode());

        assertEquals(before + 3, refusals("oak-it", "school:main"));
        assertEquals(mainChanges, mainChanges(), "main's lists are untouched");
        for (String trustPage : new String[] {"/wordlists", "/groups"}) {
            assertEquals(403, oakIt.get(trustPage).statusCode(), "the trust's lists are for users of every school");
        }
    }

    @Test
    void aTrustLevelItWorksOnEachChosenSchoolAndAChangeThatCannotBeUsedIsRefusedWithItsLine() throws Exception {
        HttpResponse<String> mainPage = trustIt.get("/lists?school=main");
        assertEquals(200, mainPage.statusCode());
        assertTrue(mainPage.body().contains("href=\"/lists?school=oak\""), "a choice of their schools");
        assertEquals(200, trustIt.get("/lists?school=oak").statusCode());

        trustIt.refreshCsrf("/lists?school=main");
        HttpResponse<String> refused = trustIt.post("/lists/edit", Map.of("school", "main", "base", "none",
                "group", "forest", "text", "# Forest school\noff gamblng\n"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("groups/forest.txt:2"), refused.body());
        assertTrue(refused.body().contains("off gamblng"), "the text is kept to mend");
        assertEquals(0, mainChanges());

        HttpResponse<String> made = trustIt.post("/lists/edit", Map.of("school", "main", "base", "none",
                "group", "forest", "text", "# Forest school\noff gambling\n"));
        assertEquals(303, made.statusCode(), made.body());
        assertTrue(running.get().services().schoolPolicies().effective(1).policy().groups().contains("forest"));
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'trust-it'"
                + " AND action = 'policy.edit' AND detail = 'school main'"));
    }

    private static long mainChanges() {
        return Db.count(schools.dataDir(), "SELECT count(*) FROM policy_changes WHERE school_id = 1");
    }

    private static long refusals(String actor, String target) {
        return Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = ? AND target = ?", actor, target);
    }
}
