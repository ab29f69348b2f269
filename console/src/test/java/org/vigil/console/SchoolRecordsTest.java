package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.EnrollResponse;

/**
 * A school's incidents, audit log and devices over real HTTP and gRPC (issue 17, ADR 0197, 0198): a DSL keeps their
 * school's incidents and reads their school's audit entries, and gets an audited 403 for the other school's
 * incident by every URL; captures of two schools are linked only by someone who works for both, and the audit log
 * says so; trust IT moves a device to another school, whose captures from then on are the new school's while the
 * old ones stay where they were recorded.
 */
class SchoolRecordsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;
    private static WebSession trustIt;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
        trustIt = schools.newTrustIt();
    }

    @Test
    void aSchoolsIncidentIsTheirsAndTheOtherSchoolsDslIsRefusedItByEveryUrlWithAnAuditRow() throws Exception {
        long incident = made(link(schools.mainDsl(), "Year 9 chat", List.of(schools.main().captureId())));
        assertTrue(schools.mainDsl().get("/incidents").body().contains("/incidents/" + incident + "\""));
        assertEquals(200, schools.mainDsl().get("/incidents/" + incident).statusCode());
        HttpResponse<String> oakList = schools.oakDsl().get("/incidents");
        assertEquals(200, oakList.statusCode(), "the incidents page is per school now");
        assertFalse(oakList.body().contains("/incidents/" + incident + "\""), oakList.body());

        WebSession oak = schools.oakDsl();
        oak.refreshCsrf("/incidents");
        String target = "incident:" + incident;
        List<HttpResponse<?>> answers = new ArrayList<>();
        answers.add(oak.get("/incidents/" + incident));
        answers.add(oak.getBytes("/incidents/" + incident + "/export.pdf"));
        answers.add(oak.post("/incidents/" + incident + "/status", Map.of("status", "IN_REVIEW")));
        answers.add(oak.post("/incidents/" + incident + "/notes", Map.of("note", "looked at it")));
        answers.add(oak.postFields("/incidents/add", List.of(Map.entry("incident", "" + incident),
                Map.entry("capture", "" + schools.oak().captureId()))));
        for (HttpResponse<?> answer : answers) {
            assertEquals(403, answer.statusCode(), answer.uri().toString());
        }
        assertEquals(answers.size(), refusals("oak-dsl", target), "each refusal audited");
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'oak-dsl' AND target = ?"
                + " ORDER BY id DESC LIMIT 1", target).startsWith("belongs to school 1"));
        assertEquals("NEW", Db.text(schools.dataDir(), "SELECT status FROM incidents WHERE id = ?", incident),
                "nothing changed");
        assertEquals(0, Db.count(schools.dataDir(), "SELECT count(*) FROM incident_notes WHERE incident_id = ?",
                incident));
        assertEquals(1, Db.count(schools.dataDir(), "SELECT count(*) FROM incident_captures WHERE incident_id = ?",
                incident));
        assertEquals(403, oak.get("/incidents/987654").statusCode(), "a missing incident looks the same");
    }

    @Test
    void capturesOfTwoSchoolsAreLinkedOnlyBySomeoneWhoWorksForBothAndTheAuditLogSaysSo() throws Exception {
        long incidentsBefore = Db.count(schools.dataDir(), "SELECT count(*) FROM incidents");
        long oakCapture = schools.sendFrom(schools.oak(), Events.valid().setUser("oak-pupil").build());
        long mainCapture = schools.sendFrom(schools.main(), Events.valid().setUser("main-pupil").build());
        HttpResponse<String> refused = link(schools.mainDsl(), "Both schools", List.of(mainCapture, oakCapture));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(1, refusals("main-dsl", "captures:" + oakCapture));
        assertEquals(incidentsBefore, Db.count(schools.dataDir(), "SELECT count(*) FROM incidents"), "none made");

        long across = made(link(schools.trustDsl(), "Both schools", List.of(mainCapture, oakCapture)));
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE action = 'incident.create'"
                + " AND target = ?", "incident:" + across).endsWith("; across schools 1, 2"), "recorded");
        assertEquals(200, schools.trustDsl().get("/incidents/" + across).statusCode());
        assertEquals(403, schools.mainDsl().get("/incidents/" + across).statusCode(), "half of it is oak's");
        assertFalse(schools.mainDsl().get("/incidents").body().contains("/incidents/" + across + "\""));
        assertEquals(2, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log_schools s JOIN audit_log a"
                + " ON a.id = s.audit_id WHERE a.action = 'incident.create' AND a.target = ?", "incident:" + across),
                "listed in both schools' audit logs");
    }

    @Test
    void theAuditLogShowsASchoolsDslTheEntriesAboutTheirSchoolAndAUserOfEverySchoolAll() throws Exception {
        String mainView = "capture:" + schools.main().captureId();
        String oakView = "capture:" + schools.oak().captureId();
        assertEquals(200, schools.trustDsl().get("/captures/" + schools.main().captureId()).statusCode());
        assertEquals(200, schools.trustDsl().get("/captures/" + schools.oak().captureId()).statusCode());

        String mainAudit = schools.mainDsl().get("/audit").body();
        assertTrue(mainAudit.contains("<td>" + mainView + "</td>"), mainAudit);
        assertFalse(mainAudit.contains("<td>" + oakView + "</td>"), mainAudit);
        String oakAudit = schools.oakDsl().get("/audit").body();
        assertTrue(oakAudit.contains("<td>" + oakView + "</td>") && !oakAudit.contains("<td>" + mainView + "</td>"),
                oakAudit);
        String oakCsv = schools.oakDsl().get("/audit.csv").body();
        assertTrue(oakCsv.contains(oakView) && !oakCsv.contains(mainView + ","), oakCsv);
        assertFalse(oakAudit.contains("settings") && oakCsv.contains("user.create"), "not the console's own");
        String all = schools.admin().get("/audit").body();
        assertTrue(all.contains("<td>" + mainView + "</td>") && all.contains("<td>" + oakView + "</td>"), all);
    }

    @Test
    void trustItMovesADeviceToAnotherSchoolAndOnlyItsNewCapturesGoThere() throws Exception {
        TwoSchools.School moving;
        try (GrpcTestClient client = new GrpcTestClient(schools.console())) {
            EnrollResponse device = client.enroll(schools.console().mintEnrolmentToken("main"));
            moving = new TwoSchools.School("main", device.getDeviceId(), device.getDeviceSecret(), 0);
        }
        long before = schools.sendFrom(moving, Events.valid().setUser("main-pupil").build());
        String id = moving.deviceId();

        WebSession mainIt = schools.mainIt();
        assertFalse(mainIt.get("/devices").body().contains("Move to school"), "IT of one school: as before");
        mainIt.refreshCsrf("/devices");
        assertEquals(403, mainIt.post("/devices/" + id + "/school", Map.of("school", "oak")).statusCode());
        assertEquals(1, refusals("main-it", "school:oak"));
        assertEquals(1, Db.count(schools.dataDir(), "SELECT school_id FROM devices WHERE id = ?", id));

        trustIt.refreshCsrf("/devices");
        assertTrue(trustIt.get("/devices").body().contains("Move to school"));
        HttpResponse<String> moved = trustIt.post("/devices/" + id + "/school", Map.of("school", "oak"));
        assertEquals(303, moved.statusCode(), moved.body());
        assertEquals(2, Db.count(schools.dataDir(), "SELECT school_id FROM devices WHERE id = ?", id));
        long after = schools.sendFrom(moving, Events.valid().setUser("oak-pupil").build());
        assertEquals(1, Db.count(schools.dataDir(), "SELECT school_id FROM captures WHERE id = ?", before),
                "recorded in main: stays there");
        assertEquals(2, Db.count(schools.dataDir(), "SELECT school_id FROM captures WHERE id = ?", after));
        assertEquals(200, schools.mainDsl().get("/captures/" + before).statusCode());
        assertEquals(403, schools.mainDsl().get("/captures/" + after).statusCode());
        assertEquals(200, schools.oakDsl().get("/captures/" + after).statusCode());
        assertEquals(2, Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log_schools s JOIN audit_log a"
                + " ON a.id = s.audit_id WHERE a.action = 'device.school' AND a.target = ?", "device:" + id),
                "the move is in both schools' audit logs");
        HttpResponse<String> again = trustIt.post("/devices/" + id + "/school", Map.of("school", "oak"));
        assertEquals(400, again.statusCode(), "already there: " + again.body());
    }

    @Test
    void aWholeConsoleAdminIsOfferedTheSchoolsPage() throws Exception {
        assertTrue(schools.admin().get("/account/password").body().contains("href=\"/schools\""));
        assertFalse(schools.mainDsl().get("/account/password").body().contains("href=\"/schools\""));
    }

    private static HttpResponse<String> link(WebSession dsl, String title, List<Long> captures) throws Exception {
        dsl.refreshCsrf("/captures");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        captures.forEach(id -> fields.add(Map.entry("capture", Long.toString(id))));
        fields.add(Map.entry("title", title));
        fields.add(Map.entry("back", "/captures?"));
        return dsl.postFields("/incidents", fields);
    }

    /** The new incident's id, from where the console sent the DSL. */
    private static long made(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/incidents/"), location);
        return Long.parseLong(location.substring("/incidents/".length()));
    }

    private static long refusals(String actor, String target) {
        return Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = ?"
                + " AND action = 'access.denied' AND target = ?", actor, target);
    }
}
