package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pupil directory per school over real HTTP (issue 17, ADR 0205): each school imports its own list (the same
 * login in both is two pupils), a school's DSL sees and changes only their school's directory, a trust-level DSL
 * their chosen schools (one at a time with {@code ?school=}), a DSL of every school all of them; another school's
 * directory, import, link or pupil history is an audited 403, and nothing changes.
 */
class PupilsPerSchoolWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String MAIN_CSV = "Username,Forename,Surname,Year,Form\njsmith,Jack,Smith,7,7J\n"
            + "main-pupil,Mo,Ali,8,8M\n";
    private static final String OAK_CSV = "Username,Forename,Surname,Year,Form\njsmith,Jane,Smith,10,10K\n";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;
    private static WebSession pairDsl;
    private static WebSession everyDsl;

    @BeforeAll
    static void twoSchoolsAndAThird() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
        assertEquals(303, schools.admin().post("/schools", Map.of("code", "elm", "name", "Elm Primary"))
                .statusCode());
        pairDsl = WebSession.newUser(schools.console(), schools.admin(), "pair-dsl", "DSL",
                Map.of("trust_schools", "main, oak"));
        everyDsl = WebSession.newUser(schools.console(), schools.admin(), "every-dsl", "DSL",
                Map.of("trust_schools", "main, oak, elm"));
        assertEquals(303, upload(schools.mainDsl(), Map.of(), MAIN_CSV).statusCode());
        assertEquals(303, upload(schools.oakDsl(), Map.of(), OAK_CSV).statusCode());
    }

    @Test
    void eachSchoolsDslSeesTheirOwnDirectoryAndTheSameLoginIsTwoPupils() throws Exception {
        String main = schools.mainDsl().get("/pupils?q=smith").body();
        assertTrue(main.contains("Jack Smith") && !main.contains("Jane Smith"), main);
        String oak = schools.oakDsl().get("/pupils?q=smith").body();
        assertTrue(oak.contains("Jane Smith") && !oak.contains("Jack Smith"), oak);
        assertFalse(oak.contains("id=\"pupils-school\""), "a user of one school is offered no choice of school");
        String oakQueue = schools.oakDsl().get("/captures").body();
        assertTrue(oakQueue.contains("<option value=\"10K\"") && !oakQueue.contains("<option value=\"7J\""),
                "the queue's form filter offers the school's own forms: " + oakQueue);
        assertEquals(2, Db.count(schools.dataDir(), "SELECT count(*) FROM pupils WHERE login = 'jsmith'"));
        assertEquals("CSV full import: 1 added, 0 updated, 0 marked left, 0 unchanged", Db.text(schools.dataDir(),
                "SELECT detail FROM audit_log WHERE action = 'pupils.import' AND actor = 'oak-dsl'"));
    }

    @Test
    void aTrustLevelDslSeesTheirChosenSchoolsOneAtATimeAndImportsIntoTheOneTheyName() throws Exception {
        String both = pairDsl.get("/pupils?q=smith").body();
        assertTrue(both.contains("Jack Smith") && both.contains("Jane Smith"), both);
        assertTrue(both.contains("<td class=\"pupil-school\">Oak Academy</td>"), both);
        assertTrue(both.contains("/history/pupil?name=jsmith&amp;school=oak"), "each pupil's history is their school's");
        String oakOnly = pairDsl.get("/pupils?q=smith&school=oak").body();
        assertTrue(oakOnly.contains("Jane Smith") && !oakOnly.contains("Jack Smith"), oakOnly);

        HttpResponse<String> imported = upload(pairDsl, Map.of("school", "oak"),
                OAK_CSV + "ocarter,Olu,Carter,11,11K\n");
        assertEquals(303, imported.statusCode(), imported.body());
        String after = pairDsl.get(imported.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(after.contains("Imported into Oak Academy: 1 added, 0 updated, 0 marked left, 1 unchanged."),
                after);
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM pupils WHERE left_at IS NOT NULL"),
                "the first school's pupils, absent from Oak's list, have not left");

        HttpResponse<String> unchosen = upload(pairDsl, Map.of(), OAK_CSV);
        assertEquals(400, unchosen.statusCode(), "a user of several schools must name one");
        assertTrue(unchosen.body().contains("Choose the school."), unchosen.body());

        String every = everyDsl.get("/pupils?q=smith").body();
        assertTrue(every.contains("Jack Smith") && every.contains("Jane Smith"), "a DSL of every school sees all");
    }

    @Test
    void anotherSchoolsDirectoryImportLinkOrPupilIsAnAuditedForbiddenAndChangesNothing() throws Exception {
        WebSession mainDsl = schools.mainDsl();
        long before = schools.refusals("main-dsl", "school:oak");
        HttpResponse<String> page = mainDsl.get("/pupils?q=smith&school=oak");
        assertEquals(403, page.statusCode());
        assertFalse(page.body().contains("Jane"), page.body());

        mainDsl.refreshCsrf("/pupils");
        HttpResponse<String> imported = upload(mainDsl, Map.of("school", "oak"), "Username,Forename,Surname,Year\n"
                + "intruder,Ivy,Intruder,9\n");
        assertEquals(403, imported.statusCode());
        HttpResponse<String> linked = mainDsl.post("/pupils/link", Map.of("school", "oak", "login", "OAK\\stray",
                "pupil", "jsmith"));
        assertEquals(403, linked.statusCode());
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM pupils WHERE login = 'intruder'"));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM pupil_logins WHERE source = 'DSL'"));

        HttpResponse<String> history = mainDsl.get("/history/pupil?name=jsmith&school=oak");
        assertEquals(403, history.statusCode());
        assertEquals(before + 4, schools.refusals("main-dsl", "school:oak"), "each refusal is audited");
        assertEquals(403, mainDsl.get("/pupils?school=elm").statusCode(), "a school with no pupils is no different");
    }

    @Test
    void aPupilsHistoryAndACapturesPupilAreTheirOwnSchools() throws Exception {
        long oakCapture = schools.sendFrom(schools.oak(), Events.valid().setUser("JSmith")
                .setMatchedText("oak-jsmith-capture").build());
        long mainCapture = schools.sendFrom(schools.main(), Events.valid().setUser("jsmith")
                .setMatchedText("main-jsmith-capture").build());

        String capture = pairDsl.get("/captures/" + oakCapture).body();
        assertTrue(capture.contains(">Jane Smith (JSmith)</a>"), capture);
        assertFalse(capture.contains("main-jsmith-capture"), "other captures of the pupil are Oak's only");
        assertTrue(capture.contains("/history/pupil?name=JSmith&amp;school=oak"), capture);

        String history = pairDsl.get("/history/pupil?name=jsmith&school=oak").body();
        assertTrue(history.contains("<h1>Pupil Jane Smith (jsmith)</h1>"), history);
        assertTrue(history.contains("/captures/" + oakCapture + "\""), history);
        assertFalse(history.contains("/captures/" + mainCapture + "\""), "the first school's jsmith is someone else");

        String mainCapturePage = schools.mainDsl().get("/captures/" + mainCapture).body();
        assertTrue(mainCapturePage.contains(">Jack Smith (jsmith)</a>"), mainCapturePage);
    }

    private static HttpResponse<String> upload(WebSession session, Map<String, String> fields, String csv)
            throws Exception {
        session.refreshCsrf("/pupils");
        return session.postFile("/pupils/import", fields, "file", "mis.csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
