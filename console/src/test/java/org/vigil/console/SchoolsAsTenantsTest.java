package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schools as tenants over real HTTP and gRPC (issue 17, ADR 0176): a DSL of one school gets an audited 403 for every
 * page, screenshot, export, PDF, subject access request, pupil and device history and live stream of the other, by
 * direct URL, and nothing of it in their queue or stream; a trust-level DSL sees both schools, each view audited;
 * IT of one school sees and enrols only its devices.
 */
class SchoolsAsTenantsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
    }

    @Test
    void aDslOfOneSchoolIsRefusedEveryRecordOfTheOtherByDirectUrlAndEachRefusalIsAudited() throws Exception {
        WebSession dsl = schools.mainDsl();
        long oakCapture = schools.oak().captureId();
        String oakDevice = schools.oak().deviceId();
        Map<String, String> gets = Map.of(
                "/captures/" + oakCapture, "capture:" + oakCapture,
                "/captures/" + oakCapture + "/screenshot", "capture:" + oakCapture,
                "/captures/" + oakCapture + "/export.pdf", "capture:" + oakCapture,
                "/history/pupil?name=oak-pupil", "pupil:oak-pupil",
                "/history/device?id=" + oakDevice, "device:" + oakDevice,
                "/captures?school=oak", "school:oak",
                "/captures.csv?school=oak", "school:oak");
        for (Map.Entry<String, String> get : gets.entrySet()) {
            long before = refusals("main-dsl", get.getValue());
            HttpResponse<byte[]> answer = dsl.getBytes(get.getKey());
            assertEquals(403, answer.statusCode(), get.getKey());
            assertFalse(new String(answer.body()).contains("oak-pupil"), get.getKey() + " shows nothing of it");
            assertEquals(before + 1, refusals("main-dsl", get.getValue()), "audited: " + get.getKey());
        }
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'main-dsl'"
                + " AND target = ? ORDER BY id DESC LIMIT 1", "capture:" + oakCapture).startsWith("belongs to school 2"),
                "the audit row names the school");

        HttpResponse<byte[]> sar = dsl.postForBytes("/history/pupil/subject-access",
                Map.of("name", "oak-pupil", "request", "Parent's request by letter, 1 March"));
        assertEquals(403, sar.statusCode());
        assertFalse(new String(sar.body()).startsWith("PK"), "no zip");

        dsl.refreshCsrf("/captures");
        assertEquals(403, dsl.post("/captures/" + oakCapture + "/status", Map.of("status", "IN_REVIEW")).statusCode());
        assertEquals(403, dsl.post("/captures/" + oakCapture + "/notes", Map.of("note", "looked at it")).statusCode());
        assertEquals(403, dsl.postFields("/captures/bulk", List.of(Map.entry("capture", "" + oakCapture),
                Map.entry("capture", "" + schools.main().captureId()))).statusCode());
        assertEquals("NEW", Db.text(schools.dataDir(), "SELECT status FROM captures WHERE id = ?", oakCapture),
                "nothing changed");
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM capture_notes WHERE capture_id = ?",
                oakCapture));
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-dsl'"
                + " AND action = 'capture.view'"), "no view of another school's capture was recorded as a view");

        assertEquals(403, schools.oakDsl().get("/captures/" + schools.main().captureId()).statusCode(),
                "and the other way round");
    }

    @Test
    void aMissingIdLooksLikeAnotherSchoolsToAUserOfOneSchoolAndIsNotFoundForAUserOfEverySchool() throws Exception {
        assertEquals(403, schools.mainDsl().get("/captures/987654").statusCode(),
                "no existence oracle: the same answer as for another school's capture");
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'main-dsl'"
                + " AND target = 'capture:987654'").startsWith("no such record"));
        assertEquals(404, schools.admin().get("/captures/987654").statusCode(), "the admin works for every school");
    }

    @Test
    void pagesOfEverySchoolsRecordsAreRefusedToAUserOfOneSchool() throws Exception {
        // the overview and reports (ADR 0195), settings (ADR 0191), incidents and the audit log (ADR 0197), pupils
        // (ADR 0205) are per school
        for (String path : List.of("/wordlists", "/users", "/schools")) {
            assertEquals(403, schools.mainDsl().get(path).statusCode(), path);
        }
        assertEquals(200, schools.admin().get("/audit").statusCode(), "the admin works for every school");
    }

    @Test
    void theQueueCsvAndLiveStreamOfADslHoldOnlyTheirSchool() throws Exception {
        String queue = schools.mainDsl().get("/captures?status=ALL").body();
        assertTrue(queue.contains("/captures/" + schools.main().captureId() + "\""), queue);
        assertFalse(queue.contains("oak-pupil"), queue);
        String csv = schools.mainDsl().get("/captures.csv?status=ALL").body();
        assertTrue(csv.contains("main-pupil") && !csv.contains("oak-pupil"), csv);

        long before = refusals("main-dsl", "school:oak");
        assertEquals(403, schools.mainDsl().get("/events/captures?school=oak").statusCode(),
                "another school's stream");
        assertEquals(before + 1, refusals("main-dsl", "school:oak"), "audited");
        String since = "?since=" + Db.count(schools.dataDir(), "SELECT max(id) FROM captures");
        try (SseEvents stream = SseEvents.open(schools.console(), schools.mainDsl().sessionCookie(), since,
                Map.of())) {
            assertEquals(200, stream.status());
            long oak = schools.sendFrom(schools.oak(), Events.valid().setUser("oak-pupil").build());
            long main = schools.sendFrom(schools.main(), Events.valid().setUser("main-pupil").build());
            Optional<SseEvents.Item> first = stream.nextEvent(Duration.ofSeconds(10));
            assertEquals(String.valueOf(main), first.orElseThrow().id(),
                    "the other school's capture " + oak + " was never sent");
        }
    }

    @Test
    void aTrustLevelDslSeesBothSchoolsAndEachViewIsAudited() throws Exception {
        WebSession trust = schools.trustDsl();
        for (TwoSchools.School school : List.of(schools.main(), schools.oak())) {
            assertEquals(200, trust.get("/captures/" + school.captureId()).statusCode());
            assertEquals(200, trust.getBytes("/captures/" + school.captureId() + "/screenshot").statusCode());
            assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'trust-dsl'"
                    + " AND action = 'capture.view' AND target = ?", "capture:" + school.captureId()));
            assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'trust-dsl'"
                    + " AND action = 'capture.screenshot.view' AND target = ?", "capture:" + school.captureId()));
        }
        String queue = trust.get("/captures?status=ALL").body();
        assertTrue(queue.contains("main-pupil") && queue.contains("oak-pupil"), queue);
        String oakOnly = trust.get("/captures.csv?status=ALL&school=oak").body();
        assertTrue(oakOnly.contains("oak-pupil") && !oakOnly.contains("main-pupil"), oakOnly);
        assertEquals(200, trust.get("/history/pupil?name=oak-pupil").statusCode());
    }

    @Test
    void itOfOneSchoolSeesItsDevicesAndCannotMakeTokensForAnother() throws Exception {
        WebSession it = schools.mainIt();
        String devices = it.get("/devices").body();
        assertTrue(devices.contains(schools.main().deviceId()), devices);
        assertFalse(devices.contains(schools.oak().deviceId()), devices);
        assertEquals(403, it.get("/devices/" + schools.oak().deviceId() + "/revoke").statusCode());

        it.refreshCsrf("/devices/tokens");
        long tokens = Db.count(schools.dataDir(), "SELECT count(*) FROM enrolment_tokens");
        HttpResponse<String> refused = it.post("/devices/tokens", Map.of("label", "Oak laptops", "days", "30",
                "school", "oak"));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(tokens, Db.count(schools.dataDir(), "SELECT count(*) FROM enrolment_tokens"), "none made");
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-it'"
                + " AND action = 'access.denied' AND target = 'school:oak'"));

        HttpResponse<String> made = it.post("/devices/tokens", Map.of("label", "Main laptops", "days", "30"));
        assertEquals(200, made.statusCode(), made.body());
        assertEquals(1, Db.count(schools.dataDir(), "SELECT school_id FROM enrolment_tokens"
                + " WHERE note = 'Main laptops'"), "the IT admin's own school");
        String page = it.get("/devices/tokens").body();
        assertEquals(Db.count(schools.dataDir(), "SELECT count(*) FROM enrolment_tokens WHERE school_id = 1"),
                page.split("data-token=\"", -1).length - 1, "the tokens of the IT admin's school only: " + page);
    }

    private static long refusals(String actor, String target) {
        return schools.refusals(actor, target);
    }
}
