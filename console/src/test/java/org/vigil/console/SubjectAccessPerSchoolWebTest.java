package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The subject access button per school over real HTTP and gRPC (issue 17, ADR 0206): {@code jsmith} signs in at main
 * and at oak, two pupils. Oak's DSL exports oak's jsmith (the button sends the school its page shows) and nothing of
 * main's; asking for main's is an audited 403; a trust-level DSL of both must name the school, and gets only that
 * school's (the history page of both schools' jsmith offers the choice); a login held only at another school is an
 * audited 403.
 */
class SubjectAccessPerSchoolWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String PATH = "/history/pupil/subject-access";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;
    private static long mainJsmith;
    private static long oakJsmith;

    @BeforeAll
    static void jsmithAtBothSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
        mainJsmith = schools.sendFrom(schools.main(), Events.withScreenshot().setUser("jsmith").build());
        oakJsmith = schools.sendFrom(schools.oak(), Events.withScreenshot().setUser("jsmith").build());
    }

    @Test
    void aSchoolsDslExportsTheirPupilAlthoughAnotherSchoolHasTheSameLogin() throws Exception {
        String page = schools.oakDsl().get("/history/pupil?name=jsmith&school=oak").body();
        assertTrue(page.contains("<input type=\"hidden\" name=\"school\" value=\"oak\">"), page);

        HttpResponse<byte[]> fromThePage = schools.oakDsl().postForBytes(PATH, Map.of("name", "jsmith",
                "school", "oak", "request", "Jane's mother, 3 March"));
        assertEquals(200, fromThePage.statusCode());
        assertEquals(List.of(oakJsmith), exported(fromThePage));
        HttpResponse<byte[]> withoutSchool = schools.oakDsl().postForBytes(PATH, Map.of("name", "jsmith",
                "request", "Jane's mother, 3 March"));
        assertEquals(200, withoutSchool.statusCode());
        assertEquals(List.of(oakJsmith), exported(withoutSchool), "a user of one school asks about their pupil");
        Map<String, byte[]> files = SubjectAccessCommandTest.unzip(withoutSchool.body());
        assertTrue(files.containsKey("screenshots/capture-" + oakJsmith + ".png"), files.keySet().toString());
        assertTrue(files.keySet().stream().noneMatch(name -> name.contains("capture-" + mainJsmith)));
    }

    @Test
    void anotherSchoolsPupilIsAnAuditedRefusal() throws Exception {
        long before = exports("oak-dsl");
        HttpResponse<String> mains = schools.oakDsl().post(PATH, Map.of("name", "jsmith", "school", "main",
                "request", "curious"));
        assertEquals(403, mains.statusCode());
        assertEquals(1, schools.refusals("oak-dsl", "school:main"));

        HttpResponse<String> onlyAtMain = schools.oakDsl().post(PATH, Map.of("name", "main-pupil",
                "request", "curious"));
        assertEquals(403, onlyAtMain.statusCode());
        assertEquals(1, schools.refusals("oak-dsl", "pupil:main-pupil"));
        assertEquals(before, exports("oak-dsl"), "nothing was exported");
    }

    @Test
    void aTrustLevelDslMustNameTheSchool() throws Exception {
        String page = schools.trustDsl().get("/history/pupil?name=jsmith").body();
        assertTrue(page.contains("<select name=\"school\" required><option value=\"\">Choose the school</option>"
                + "<option value=\"main\">"), "the page of both schools' jsmith asks which: " + page);
        assertTrue(page.contains("<option value=\"oak\">Oak Academy</option>"), page);
        String onePupil = schools.trustDsl().get("/history/pupil?name=oak-pupil").body();
        assertTrue(onePupil.contains("name=\"name\" value=\"oak-pupil\"") && !onePupil.contains("name=\"school\""),
                "a login at one of their schools needs no choice: " + onePupil);

        HttpResponse<String> unnamed = schools.trustDsl().post(PATH, Map.of("name", "jsmith", "request", "letter"));
        assertEquals(400, unnamed.statusCode());
        assertTrue(unnamed.body().contains("jsmith is a login at more than one school (main, oak): name the school"),
                unnamed.body());
        assertEquals(0, exports("trust-dsl"));

        HttpResponse<byte[]> main = schools.trustDsl().postForBytes(PATH, Map.of("name", "jsmith", "school", "main",
                "request", "Jack's own request"));
        assertEquals(200, main.statusCode());
        assertEquals(List.of(mainJsmith), exported(main));
        HttpResponse<byte[]> oakPupil = schools.trustDsl().postForBytes(PATH, Map.of("name", "oak-pupil",
                "request", "Olu's request"));
        assertEquals(200, oakPupil.statusCode(), "a login at one of their schools needs no school");
        assertEquals(List.of(schools.oak().captureId()), exported(oakPupil));
    }

    private static List<Long> exported(HttpResponse<byte[]> response) throws Exception {
        JsonNode captures = new ObjectMapper().readTree(SubjectAccessCommandTest.unzip(response.body())
                .get("records.json")).get("captures");
        List<Long> ids = new ArrayList<>();
        captures.forEach(capture -> ids.add(capture.get("id").asLong()));
        return ids;
    }

    private static long exports(String actor) {
        return Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"
                + " AND actor = ?", actor);
    }
}
