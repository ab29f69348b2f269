package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents over real HTTP and real SQLite: linking captures from the queue's selection and a capture's page, one
 * incident per capture, triage that moves every member with its own audit row, closing with an outcome, roles,
 * CSRF, escaping, and a change whose audit row fails not being made at all.
 */
class IncidentsTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>window.pwned=1</script>";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession dsl;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        dsl = WebSession.signIn(console, "admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void theQueuesSelectionOfSeveralPupilsBecomesOneIncidentShownWithItsCaptures() throws Exception {
        List<Long> ids = seed(5, "amy-i", 3, "ben-i", 2, "amy-i");
        String title = "Year 9 group chat " + HOSTILE;
        HttpResponse<String> made = link(title, ids, "/captures?status=NEW");
        assertEquals(303, made.statusCode(), made.body());
        long incident = incidentOf(ids.get(0));
        assertEquals("/incidents/" + incident, dsl.location(made));
        for (long id : ids) {
            assertEquals(incident, incidentOf(id));
            assertEquals(1, audits("capture.incident", "capture:" + id, "added to incident " + incident));
        }
        assertEquals(1, audits("incident.create", "incident:" + incident, title.strip() + "; captures "
                + ids.get(0) + ", " + ids.get(1) + ", " + ids.get(2)));
        assertEquals("admin", Db.text(dataDir, "SELECT created_by FROM incidents WHERE id = ?", incident));
        assertEquals("NEW", incidentStatus(incident));

        String page = dsl.get(dsl.location(made)).body();
        assertTrue(page.contains("Incident " + incident + " made with 3 captures."), page);
        assertTrue(page.contains("Year 9 group chat &lt;script&gt;window.pwned=1&lt;/script&gt;"), page);
        assertFalse(page.contains(HOSTILE), "the title is escaped");
        assertTrue(page.contains("3 captures of 2 pupils"), page);
        for (long id : ids) {
            assertTrue(page.contains("data-capture=\"" + id + "\""), page);
        }
        assertTrue(page.contains("<td>amy-i</td>") && page.contains("<td>ben-i</td>") && page.contains("self-harm")
                && page.contains("hurt myself"), page);
        assertTrue(page.indexOf("data-capture=\"" + ids.get(0) + "\"") < page.indexOf("data-capture=\""
                + ids.get(2) + "\""), "most severe first");
        dsl.get("/incidents/" + incident);
        assertEquals(2, audits("incident.view", "incident:" + incident), "every view is audited");

        String list = dsl.get("/incidents").body();
        assertTrue(list.contains("href=\"/incidents/" + incident + "\""), list);
        assertFalse(list.contains(HOSTILE));
        String capture = dsl.get("/captures/" + ids.get(1)).body();
        assertTrue(capture.contains("id=\"incident-link\">incident " + incident + ": Year 9 group chat &lt;script&gt;"),
                capture);
        assertFalse(capture.contains("id=\"add-to-incident\""), "already in one: nothing to add to");
        assertTrue(dsl.get("/captures").body().contains("#" + incident + ": Year 9 group chat &lt;script&gt;"),
                "the queue offers the open incident");
    }

    @Test
    void aCaptureBelongsToOneIncidentAtMostAndARefusedLinkChangesNothing() throws Exception {
        List<Long> ids = seed(4, "cal-i", 3, "cal-i", 2, "dan-i");
        long first = made(link("Cal's messages", List.of(ids.get(0)), "/captures?"));
        long before = Db.count(dataDir, "SELECT count(*) FROM incidents");

        HttpResponse<String> taken = link("Another", List.of(ids.get(1), ids.get(0)), "/captures?status=NEW");
        assertEquals("/captures?status=NEW", dsl.location(taken), "refusals go back to the queue view");
        String message = dsl.get(dsl.location(taken)).body();
        assertTrue(message.contains("Nothing changed: capture " + ids.get(0) + " is already in incident " + first
                + " (Cal's messages). A capture belongs to one incident at most."), message);
        assertEquals(before, Db.count(dataDir, "SELECT count(*) FROM incidents"));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM incident_captures WHERE capture_id = ?", ids.get(1)));

        assertTrue(refusal(link("   ", List.of(ids.get(1)), "/captures?")).contains("Give the incident a title"));
        assertTrue(refusal(link("x".repeat(201), List.of(ids.get(1)), "/captures?")).contains("at most 200"));
        assertTrue(refusal(link("Nothing ticked", List.of(), "/captures?")).contains("Tick at least one capture."));
        assertTrue(refusal(link("Ghost", List.of(999_999L), "/captures?")).contains("there is no capture 999999"));
        assertEquals("/captures?", dsl.location(link("   ", List.of(ids.get(1)), "https://elsewhere.example/")),
                "back goes to the console's queue only");
        assertEquals(before, Db.count(dataDir, "SELECT count(*) FROM incidents"));

        HttpResponse<String> added = add(first, List.of(ids.get(1), ids.get(2)), "/captures/" + ids.get(1));
        assertEquals("/incidents/" + first, dsl.location(added));
        assertTrue(dsl.get("/incidents/" + first).body().contains("2 captures added to incident " + first + "."));
        assertEquals(first, incidentOf(ids.get(2)));
        assertEquals(1, audits("incident.add", "incident:" + first, "captures " + ids.get(1) + ", " + ids.get(2)));
        HttpResponse<String> again = add(first, List.of(ids.get(2)), "/captures/" + ids.get(2));
        assertEquals("/captures/" + ids.get(2), dsl.location(again), "refused on the capture's page");
        assertTrue(dsl.get(dsl.location(again)).body().contains("capture " + ids.get(2)
                + " is already in this incident"));
        assertTrue(refusal(add(999_999, List.of(ids.get(2)), "/captures?")).contains("There is no such incident."));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE incident_captures SET incident_id = 999 WHERE capture_id = "
                + ids.get(0)).contains("append-only"), "membership is never rewritten");
    }

    @Test
    void aCapturesPageAddsItToAnIncidentOrANewOne() throws Exception {
        List<Long> ids = seed(3, "eve-i", 3, "eve-i");
        String page = dsl.get("/captures/" + ids.get(0)).body();
        assertTrue(page.contains("id=\"add-to-incident\"") && page.contains("Link into a new incident"), page);
        long incident = made(link("Eve, week 3", List.of(ids.get(0)), "/captures/" + ids.get(0)));
        assertTrue(dsl.get("/captures/" + ids.get(1)).body().contains("<option value=\"" + incident + "\">#"
                + incident + ": Eve, week 3</option>"), "offered on another capture's page");
        add(incident, List.of(ids.get(1)), "/captures/" + ids.get(1));
        assertEquals(incident, incidentOf(ids.get(1)));
    }

    @Test
    void triagingTheIncidentMovesEachCaptureWithItsOwnAuditRow() throws Exception {
        List<Long> ids = seed(5, "fay-i", 3, "gus-i");
        long severe = ids.get(0);
        long mild = ids.get(1);
        assertEquals(303, dsl.post("/captures/" + mild + "/status", Map.of("status", "IN_REVIEW")).statusCode());
        long incident = made(link("Fay and Gus", ids, "/captures?"));

        assertTrue(status(incident, "ESCALATED", "").contains("An incident that is New cannot become Escalated."));
        String moved = status(incident, "IN_REVIEW", "");
        assertTrue(moved.contains("Incident and its captures are now In review."), moved);
        assertEquals("IN_REVIEW", incidentStatus(incident));
        assertEquals("IN_REVIEW", captureStatus(severe));
        assertEquals("IN_REVIEW", captureStatus(mild));
        assertEquals(1, audits("incident.status", "incident:" + incident, "NEW -> IN_REVIEW"));
        assertEquals(1, audits("capture.status", "capture:" + severe, "NEW -> IN_REVIEW (incident " + incident + ")"));
        assertEquals(0, audits("capture.status", "capture:" + mild, "IN_REVIEW -> IN_REVIEW (incident " + incident
                + ")"), "a capture already there is left alone");

        String form = dsl.get("/incidents/" + incident).body();
        assertTrue(form.contains("Why no further action? (severity 5"), form);
        assertTrue(status(incident, "NO_FURTHER_ACTION", "too short").contains("Nothing changed: No further action"
                + " on an incident with a severity 5 capture needs a reason of at least 10 characters."));
        assertEquals("IN_REVIEW", incidentStatus(incident));
        assertEquals("IN_REVIEW", captureStatus(severe));

        String reason = "Song lyrics shared in a group chat " + HOSTILE;
        String page = status(incident, "NO_FURTHER_ACTION", reason);
        assertEquals("NO_FURTHER_ACTION", incidentStatus(incident));
        for (long id : ids) {
            assertEquals("NO_FURTHER_ACTION", captureStatus(id));
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ? AND body = ?",
                    id, "No further action (incident " + incident + "): " + reason));
            assertEquals(1, audits("capture.status", "capture:" + id, "IN_REVIEW -> NO_FURTHER_ACTION (incident "
                    + incident + "): " + reason));
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM incident_notes WHERE incident_id = ? AND body = ?",
                incident, "No further action: " + reason));
        assertTrue(page.contains("No further action: Song lyrics shared in a group chat &lt;script&gt;"), page);
        assertFalse(page.contains(HOSTILE));

        assertTrue(status(incident, "IN_REVIEW", "").contains("now In review"), "reopened");
        assertEquals("IN_REVIEW", captureStatus(severe));
    }

    @Test
    void aMemberThatCannotMakeTheMoveRefusesTheWholeChange() throws Exception {
        List<Long> ids = seed(3, "hal-i", 2, "hal-i");
        long incident = made(link("Hal", ids, "/captures?"));
        status(incident, "IN_REVIEW", "");
        dsl.post("/captures/" + ids.get(1) + "/status", Map.of("status", "FALSE_POSITIVE"));
        String refused = status(incident, "ESCALATED", "");
        assertTrue(refused.contains("Nothing changed: capture " + ids.get(1) + " is False positive, and cannot become"
                + " Escalated."), refused);
        assertEquals("IN_REVIEW", incidentStatus(incident));
        assertEquals("IN_REVIEW", captureStatus(ids.get(0)));
        assertEquals(0, audits("incident.status", "incident:" + incident, "IN_REVIEW -> ESCALATED"));
    }

    @Test
    void anEscalatedIncidentClosesWithAnOutcomeOnItAndEachCaptureAndClosedIsFinal() throws Exception {
        List<Long> ids = seed(5, "ivy-i", 4, "jon-i");
        long incident = made(link("Ivy and Jon", ids, "/captures?"));
        assertTrue(close(incident, "POLICE", "PC 1234").contains("Only an escalated incident can be closed; this one"
                + " is New."));
        status(incident, "IN_REVIEW", "");
        status(incident, "ESCALATED", "");
        assertEquals("ESCALATED", captureStatus(ids.get(0)));
        assertTrue(status(incident, "CLOSED", "").contains("Close an escalated incident with its outcome"));
        assertTrue(close(incident, "", "MASH").contains("Choose the outcome to close the incident."));
        assertTrue(close(incident, "SOCIAL_CARE", "  ").contains("Write who it was escalated to"));
        assertEquals("ESCALATED", incidentStatus(incident));

        String to = "MASH duty social worker, ref 12345 " + HOSTILE;
        String page = close(incident, "SOCIAL_CARE", to);
        assertEquals("CLOSED", incidentStatus(incident));
        assertEquals("SOCIAL_CARE", Db.text(dataDir, "SELECT outcome FROM incidents WHERE id = ?", incident));
        assertEquals(to, Db.text(dataDir, "SELECT escalated_to FROM incidents WHERE id = ?", incident));
        String detail = "; outcome: SOCIAL_CARE (Referred to children's social care / MASH); escalated to: " + to;
        assertEquals(1, audits("incident.close", "incident:" + incident, "ESCALATED -> CLOSED" + detail));
        for (long id : ids) {
            assertEquals("CLOSED", captureStatus(id));
            assertEquals("SOCIAL_CARE", Db.text(dataDir, "SELECT outcome FROM captures WHERE id = ?", id));
            assertEquals(1, audits("capture.close", "capture:" + id, "ESCALATED -> CLOSED (incident " + incident + ")"
                    + detail));
        }
        assertTrue(page.contains("<dt>Outcome</dt><dd>Referred to children's social care / MASH</dd>"), page);
        assertTrue(page.contains("MASH duty social worker, ref 12345 &lt;script&gt;"), page);
        assertFalse(page.contains(HOSTILE));
        assertFalse(page.contains("name=\"status\""), "no status buttons: Closed is final");
        assertFalse(page.contains("id=\"close-incident\""));

        assertTrue(status(incident, "IN_REVIEW", "").contains("An incident that is Closed cannot become In review."));
        long other = seed(2, "kit-i").get(0);
        assertTrue(dsl.get(dsl.location(add(incident, List.of(other), "/captures/" + other))).body()
                .contains("Nothing changed: incident " + incident + " is closed, and Closed is final."));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE incidents SET status = 'IN_REVIEW' WHERE id = " + incident)
                .contains("a closed incident is final"));
        assertTrue(Db.tryUpdate(dataDir, "INSERT INTO incident_captures (capture_id, incident_id, added_by, added_at)"
                + " VALUES (" + other + ", " + incident + ", 'x', 0)").contains("a closed incident is final"));
        long open = made(link("Unclosed", List.of(other), "/captures?"));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE incidents SET status = 'CLOSED' WHERE id = " + open)
                .contains("only with an outcome"));
    }

    @Test
    void notesOnAnIncidentKeepAuthorAndRenderInert() throws Exception {
        long incident = made(link("Notes", seed(2, "lee-i"), "/captures?"));
        assertEquals(303, dsl.post("/incidents/" + incident + "/notes", Map.of("note", "Rang home " + HOSTILE))
                .statusCode());
        String page = dsl.get("/incidents/" + incident).body();
        assertTrue(page.contains("Rang home &lt;script&gt;window.pwned=1&lt;/script&gt;"), page);
        assertFalse(page.contains(HOSTILE));
        assertEquals(1, audits("incident.note", "incident:" + incident, "Rang home " + HOSTILE));
        assertTrue(dsl.get(dsl.location(dsl.post("/incidents/" + incident + "/notes", Map.of("note", " "))))
                .body().contains("A note cannot be empty."));
        assertEquals(404, dsl.get("/incidents/999999").statusCode());
    }

    @Test
    void itAdminAndViewerAreForbiddenAndTheAttemptIsAudited() throws Exception {
        long incident = made(link("Secret title of a concern", seed(4, "mo-i"), "/captures?"));
        for (String role : List.of("IT_ADMIN", "VIEWER")) {
            String username = role.toLowerCase().replace('_', '-') + "-incidents";
            WebSession session = WebSession.newUser(console, dsl, username, role);
            for (String path : List.of("/incidents", "/incidents/" + incident)) {
                HttpResponse<String> response = session.get(path);
                assertEquals(403, response.statusCode(), role + " " + path);
                assertFalse(response.body().contains("Secret title"), path);
                assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                        + " AND actor = ? AND target = ?", username, "GET " + path));
            }
            assertEquals(403, session.post("/incidents/" + incident + "/status", Map.of("status", "IN_REVIEW"))
                    .statusCode());
            assertEquals(403, session.post("/incidents/" + incident + "/notes", Map.of("note", "x")).statusCode());
            assertEquals(403, session.post("/incidents", Map.of("title", "x", "capture", "1")).statusCode());
            assertFalse(session.get("/overview").body().contains("href=\"/incidents\""), "no menu link");
        }
        assertEquals("NEW", incidentStatus(incident));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM incident_notes WHERE incident_id = ?", incident));
        assertEquals(0, audits("incident.view", "incident:" + incident));
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() throws Exception {
        long capture = seed(3, "ned-i").get(0);
        HttpResponse<String> forged = dsl.postRaw("/incidents", Map.of("title", "Forged", "capture",
                Long.toString(capture)));
        assertEquals(403, forged.statusCode());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM incident_captures WHERE capture_id = ?", capture));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'csrf.refused'"
                + " AND target = 'POST /incidents'") >= 1);
    }

    @Test
    void anIncidentChangeWhoseCaptureAuditRowFailsIsNotMadeAtAll() throws Exception {
        List<Long> ids = seed(3, "oz-i", 2, "oz-i");
        long incident = made(link("Oz", ids, "/captures?"));
        Db.tryUpdate(dataDir, "CREATE TRIGGER refuse_incident_capture_audit BEFORE INSERT ON audit_log"
                + " WHEN NEW.action = 'capture.status' AND NEW.target = 'capture:" + ids.get(1) + "'"
                + " BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
        try {
            HttpResponse<String> failed = dsl.post("/incidents/" + incident + "/status", Map.of("status",
                    "IN_REVIEW"));
            assertEquals(500, failed.statusCode());
        } finally {
            Db.tryUpdate(dataDir, "DROP TRIGGER refuse_incident_capture_audit");
        }
        assertEquals("NEW", incidentStatus(incident), "the incident did not move");
        assertEquals("NEW", captureStatus(ids.get(0)), "nor did the capture before the failed one");
        assertEquals(0, audits("incident.status", "incident:" + incident, "NEW -> IN_REVIEW"));
        assertEquals(0, audits("capture.status", "capture:" + ids.get(0), "NEW -> IN_REVIEW (incident " + incident
                + ")"));
    }

    /** Seeds captures as (severity, pupil) pairs; returns their ids in that order. */
    private static List<Long> seed(Object... severityAndPupil) throws Exception {
        List<org.vigil.proto.v1.Event> events = new ArrayList<>();
        for (int i = 0; i < severityAndPupil.length; i += 2) {
            events.add(Events.valid().setSeverity((Integer) severityAndPupil[i])
                    .setUser((String) severityAndPupil[i + 1]).build());
        }
        return Seeder.send(console, dataDir, events);
    }

    private static HttpResponse<String> link(String title, List<Long> captures, String back) throws Exception {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        captures.forEach(id -> fields.add(Map.entry("capture", Long.toString(id))));
        fields.add(Map.entry("title", title));
        fields.add(Map.entry("back", back));
        return dsl.postFields("/incidents", fields);
    }

    private static HttpResponse<String> add(long incident, List<Long> captures, String back) throws Exception {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        captures.forEach(id -> fields.add(Map.entry("capture", Long.toString(id))));
        fields.add(Map.entry("incident", Long.toString(incident)));
        fields.add(Map.entry("back", back));
        return dsl.postFields("/incidents/add", fields);
    }

    /** The new incident's id, from where the console sent the DSL. */
    private static long made(HttpResponse<String> response) {
        assertEquals(303, response.statusCode());
        String location = dsl.location(response);
        assertTrue(location.startsWith("/incidents/"), location);
        return Long.parseLong(location.substring("/incidents/".length()));
    }

    private static String refusal(HttpResponse<String> response) throws Exception {
        assertEquals(303, response.statusCode());
        return dsl.get(dsl.location(response)).body();
    }

    /** Posts a status change and returns the page it leads to. */
    private static String status(long incident, String status, String reason) throws Exception {
        HttpResponse<String> response = dsl.post("/incidents/" + incident + "/status", Map.of("status", status,
                "reason", reason));
        assertEquals(303, response.statusCode(), response.body());
        return dsl.get(dsl.location(response)).body();
    }

    private static String close(long incident, String outcome, String escalatedTo) throws Exception {
        HttpResponse<String> response = dsl.post("/incidents/" + incident + "/close", Map.of("outcome", outcome,
                "escalated_to", escalatedTo));
        assertEquals(303, response.statusCode(), response.body());
        return dsl.get(dsl.location(response)).body();
    }

    private static long incidentOf(long captureId) {
        return Db.count(dataDir, "SELECT incident_id FROM incident_captures WHERE capture_id = ?", captureId);
    }

    private static String incidentStatus(long incident) {
        return Db.text(dataDir, "SELECT status FROM incidents WHERE id = ?", incident);
    }

    private static String captureStatus(long capture) {
        return Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", capture);
    }

    private static long audits(String action, String target) {
        return Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = ? AND target = ? AND actor = 'admin'",
                action, target);
    }

    private static long audits(String action, String target, String detail) {
        return Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = ? AND target = ? AND detail = ?"
                + " AND actor = 'admin'", action, target, detail);
    }
}
