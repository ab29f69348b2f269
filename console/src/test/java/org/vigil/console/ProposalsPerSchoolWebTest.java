package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.policy.SchoolLayer;
import org.vigil.proto.v1.Event;

/**
 * Exception proposals per school over real HTTP and gRPC (ADR 0199): a proposal from a school's capture is that
 * school's; its IT sees and accepts only theirs, into their school's lists (the trust's are untouched); another
 * school's proposal by direct URL is an audited 403 that decides nothing; a trust-level user sees both schools'.
 */
class ProposalsPerSchoolWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String REASON = "Checked with the pupil's form tutor: an accident";
    private static final String PAGE = "/wordlists/proposals";

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
    void eachSchoolsItSeesTheirSchoolsProposalsAndATrustLevelUserSeesBoth() throws Exception {
        long fromMain = propose(schools.mainDsl(), schools.main(), "i hurt myself climbing at the wall",
                "hurt myself climbing");
        long fromOak = propose(schools.oakDsl(), schools.oak(), "i hurt myself rowing on the lake",
                "hurt myself rowing");
        assertEquals(schools.main().code(), schoolOf(fromMain));
        assertEquals("oak", schoolOf(fromOak));

        String oakPage = page(oakIt);
        assertTrue(oakPage.contains(PAGE + "/" + fromOak + "/accept") && oakPage.contains("hurt myself rowing"));
        assertFalse(oakPage.contains("hurt myself climbing"), "not another school's");
        String mainPage = page(schools.mainIt());
        assertTrue(mainPage.contains("hurt myself climbing"));
        assertFalse(mainPage.contains("hurt myself rowing"));
        String trustPage = page(trustIt);
        assertTrue(trustPage.contains("hurt myself climbing") && trustPage.contains("hurt myself rowing"));
    }

    @Test
    void anotherSchoolsProposalByUrlIsAnAuditedForbiddenThatDecidesNothing() throws Exception {
        long fromMain = propose(schools.mainDsl(), schools.main(), "i hurt myself sledging down the hill",
                "hurt myself sledging");
        oakIt.refreshCsrf(PAGE);

        assertEquals(403, oakIt.post(PAGE + "/" + fromMain + "/accept", Map.of()).statusCode());
        assertEquals(403, oakIt.post(PAGE + "/" + fromMain + "/dismiss", Map.of()).statusCode());
        assertEquals(403, oakIt.post(PAGE + "/999999/accept", Map.of()).statusCode(), "no telling which ids exist");

        assertEquals(2, schools.refusals("oak-it", "proposal:" + fromMain));
        assertEquals("PROPOSED", Db.text(schools.dataDir(), "SELECT status FROM exception_proposals WHERE id = ?",
                fromMain));
    }

    @Test
    void aSchoolsItAcceptsIntoTheirSchoolsListsOnly() throws Exception {
        long fromOak = propose(schools.oakDsl(), schools.oak(), "i hurt myself skating at the rink",
                "hurt myself skating");
        String trustBefore = running.get().policies().current().change().version();
        oakIt.refreshCsrf(PAGE);

        HttpResponse<String> accepted = oakIt.post(PAGE + "/" + fromOak + "/accept", Map.of("note", "sport"));

        assertEquals(303, accepted.statusCode(), accepted.body());
        assertEquals(trustBefore, running.get().policies().current().change().version(), "the trust's lists");
        long oak = Db.count(schools.dataDir(), "SELECT id FROM schools WHERE code = 'oak'");
        String oakLists = running.get().services().schoolPolicies().layer(oak).files().files()
                .get(SchoolLayer.SCHOOL_FILE);
        assertTrue(oakLists.contains("| hurt myself | except:") && oakLists.contains("hurt myself skating"), oakLists);
        assertEquals(running.get().services().schoolPolicies().layer(oak).version(), Db.text(schools.dataDir(),
                "SELECT policy_version FROM exception_proposals WHERE id = ?", fromOak));
        assertTrue(page(oakIt).contains("Accepted proposal #" + fromOak + " into your school's lists"));
    }

    private static String page(WebSession session) throws Exception {
        HttpResponse<String> page = session.get(PAGE);
        assertEquals(200, page.statusCode());
        return page.body();
    }

    /** The school's DSL marks a new capture of their school a false positive and proposes the phrase. */
    private static long propose(WebSession dsl, TwoSchools.School school, String context, String phrase)
            throws Exception {
        int start = context.indexOf("hurt myself");
        Event event = Events.withScreenshot().setCategory("self-harm").setSeverity(4).setMatchedText("hurt myself")
                .setContext(context).setMatchStart(start).setMatchEnd(start + "hurt myself".length()).build();
        long capture = schools.sendFrom(school, event);
        HttpResponse<String> marked = dsl.post("/captures/" + capture + "/status",
                Map.of("status", "FALSE_POSITIVE", "reason", REASON, "propose", "on", "phrase", phrase));
        assertEquals(303, marked.statusCode(), marked.body());
        return Db.count(schools.dataDir(), "SELECT id FROM exception_proposals WHERE capture_id = ?", capture);
    }

    private static String schoolOf(long proposal) {
        return Db.text(schools.dataDir(), "SELECT s.code FROM exception_proposals p JOIN schools s"
                + " ON s.id = p.school_id WHERE p.id = ?", proposal);
    }
}
