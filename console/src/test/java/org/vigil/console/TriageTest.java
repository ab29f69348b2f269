package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.Event;

class TriageTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession dsl;
    /** Captures by name: low (sev 2, oldest), mid (sev 3), high (sev 5, older), newest-high (sev 5), sexual (sev 4). */
    private static long low;
    private static long mid;
    private static long high;
    private static long newestHigh;
    private static long sexual;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Long> ids = Seeder.send(console, dataDir, List.of(
                at(Events.valid().setSeverity(2).setCategory("bullying").setUser("amy"), now.minusSeconds(500)),
                at(Events.valid().setSeverity(3).setCategory("drugs").setUser("amy"), now.minusSeconds(400)),
                at(Events.valid().setSeverity(5).setCategory("suicide").setUser("ben"), now.minusSeconds(300)),
                at(Events.valid().setSeverity(5).setCategory("suicide").setUser("cal"), now.minusSeconds(200)),
                at(Events.withScreenshot().setSeverity(4).setCategory("sexual-content").setUser("amy")
                        .setWindowTitle(HOSTILE), now.minusSeconds(100))));
        low = ids.get(0);
        mid = ids.get(1);
        high = ids.get(2);
        newestHigh = ids.get(3);
        sexual = ids.get(4);
        dsl = WebSession.signIn(console, "admin", PASSWORD);
    }

    private static Event at(Event.Builder event, Instant when) {
        return event.setOccurredAt(Timestamp.newBuilder().setSeconds(when.getEpochSecond())).build();
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void theQueueListsMostSevereFirstThenNewest() throws Exception {
        String body = dsl.get("/captures?status=ALL").body();
        assertInOrder(body, newestHigh, high, sexual, mid, low);
    }

    @Test
    void filtersNarrowTheQueue() throws Exception {
        String byPupil = dsl.get("/captures?status=ALL&pupil=amy").body();
        assertTrue(byPupil.contains(href(low)) && byPupil.contains(href(mid)) && byPupil.contains(href(sexual)));
        assertFalse(byPupil.contains(href(high)));
        String bySeverity = dsl.get("/captures?status=ALL&severity=5").body();
        assertTrue(bySeverity.contains(href(high)) && bySeverity.contains(href(newestHigh)));
        assertFalse(bySeverity.contains(href(mid)));
        String byCategory = dsl.get("/captures?status=ALL&category=drugs").body();
        assertTrue(byCategory.contains(href(mid)));
        assertTrue(byCategory.contains("<option value=\"drugs\" selected>"), "the form shows the filter in use");
        assertFalse(byCategory.contains(href(low)));
        String future = dsl.get("/captures?status=ALL&from=2999-01-01").body();
        assertFalse(future.contains(href(low)));
        HttpResponse<String> badDate = dsl.get("/captures?from=yesterday");
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("must be a date"));
    }

    @Test
    void pagesFollowOnWithoutRepeatingOrSkipping() throws Exception {
        Instant base = Instant.now().minusSeconds(10_000);
        List<Event.Builder> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(Events.valid().setSeverity(1).setCategory("gambling").setUser("paged")
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(base.getEpochSecond() + i)));
        }
        List<Long> ids = Seeder.send(console, dataDir, many.stream().map(Event.Builder::build).toList());
        String first = dsl.get("/captures?status=ALL&pupil=paged").body();
        int firstCount = first.split("name=\"capture\" value=", -1).length - 1;
        assertEquals(50, firstCount);
        String next = first.substring(first.indexOf("Next page") - 200);
        String nextHref = next.substring(next.indexOf("href=\"") + 6, next.indexOf("\">Next page")).replace("&amp;", "&");
        String second = dsl.get(nextHref).body();
        assertEquals(10, second.split("name=\"capture\" value=", -1).length - 1);
        for (long id : ids.subList(0, 10)) {
            assertTrue(second.contains(href(id)), "oldest ten on the second page");
            assertFalse(first.contains(href(id) + "\""));
        }
        assertFalse(second.contains("Next page"));
    }

    @Test
    void statusMovesFollowTheWorkflowAndAreAudited() throws Exception {
        assertTrue(move(mid, "ESCALATED").contains("cannot become Escalated"));
        assertEquals("NEW", status(mid));
        move(mid, "IN_REVIEW");
        move(mid, "ESCALATED");
        assertEquals("ESCALATED", status(mid));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.status'"
                + " AND target = ? AND detail = 'IN_REVIEW -> ESCALATED' AND actor = 'admin'", "capture:" + mid));
    }

    @Test
    void notesKeepAuthorAndTimeAndRenderInert() throws Exception {
        HttpResponse<String> added = dsl.post("/captures/" + low + "/notes", Map.of("note", "Spoke to form tutor " + HOSTILE));
        assertEquals(303, added.statusCode());
        String page = dsl.get("/captures/" + low).body();
        assertTrue(page.contains("Spoke to form tutor &lt;img src=x onerror=alert(1)&gt;"), page);
        assertFalse(page.contains(HOSTILE));
        assertTrue(page.contains("<p class=\"note-meta\">admin · "));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ? AND author = 'admin'"
                + " AND created_at > 0", low));
        assertFalse(dsl.get("/captures/" + low + "?done=Call+0900+now").body().contains("Call 0900 now"),
                "a crafted link cannot put a message on the page");
        assertTrue(dsl.get(dsl.location(dsl.post("/captures/" + low + "/notes", Map.of("note", "  "))))
                .body().contains("A note cannot be empty."));
    }

    @Test
    void assignmentGoesToADslOnly() throws Exception {
        long adminId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'admin'");
        dsl.post("/captures/" + high + "/assign", Map.of("user", Long.toString(adminId)));
        assertEquals(adminId, Db.count(dataDir, "SELECT assigned_to FROM captures WHERE id = ?", high));
        assertTrue(dsl.get("/captures?status=ALL&severity=5").body().contains("<td>admin</td>"));
        dsl.post("/captures/" + high + "/assign", Map.of("user", "999"));
        assertEquals(adminId, Db.count(dataDir, "SELECT assigned_to FROM captures WHERE id = ?", high));
    }

    @Test
    void bulkFalsePositiveClosesTheTickedCaptures() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(3).setUser("bulk").build(),
                Events.valid().setSeverity(1).setUser("bulk").build()));
        HttpResponse<String> response = dsl.postMany("/captures/bulk", "capture",
                ids.stream().map(String::valueOf).toList());
        assertEquals(303, response.statusCode());
        assertTrue(dsl.get(dsl.location(response)).body().contains("2 marked false positive."));
        for (long id : ids) {
            assertEquals("FALSE_POSITIVE", status(id));
        }
        assertFalse(dsl.get("/captures?pupil=bulk").body().contains(href(ids.get(0))), "gone from the New tab");
    }

    @Test
    void anEscalatedCaptureClosesWithAnOutcomeAndWhoItWentToAndClosedIsFinal() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(5).setUser("closing").build()))
                .get(0);
        assertTrue(close(id, "POLICE", "Police, PC 1234").contains("Only an escalated capture can be closed"));
        move(id, "IN_REVIEW");
        move(id, "ESCALATED");
        assertTrue(move(id, "CLOSED").contains("Close an escalated capture with its outcome"));
        assertTrue(close(id, "", "MASH duty social worker").contains("Choose the outcome"));
        assertTrue(close(id, "SOCIAL_CARE; DROP TABLE captures", "MASH").contains("Choose the outcome"));
        assertTrue(close(id, "SOCIAL_CARE", "   ").contains("Write who it was escalated to"));
        assertTrue(close(id, "SOCIAL_CARE", "x".repeat(201)).contains("at most 200 characters"));
        assertEquals("ESCALATED", status(id));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.close'"
                + " AND target = ?", "capture:" + id));

        String escalatedTo = "MASH duty social worker, ref 12345 " + HOSTILE;
        String page = close(id, "SOCIAL_CARE", "  " + escalatedTo + " ");
        assertEquals("CLOSED", status(id));
        assertEquals("SOCIAL_CARE", Db.text(dataDir, "SELECT outcome FROM captures WHERE id = ?", id));
        assertEquals(escalatedTo, Db.text(dataDir, "SELECT escalated_to FROM captures WHERE id = ?", id));
        assertEquals("admin", Db.text(dataDir, "SELECT closed_by FROM captures WHERE id = ?", id));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.close'"
                + " AND target = ? AND actor = 'admin' AND detail = ?", "capture:" + id, "ESCALATED -> CLOSED;"
                + " outcome: SOCIAL_CARE (Referred to children's social care / MASH); escalated to: " + escalatedTo));
        assertTrue(page.contains("<dt>Outcome</dt><dd>Referred to children's social care / MASH</dd>"), page);
        assertTrue(page.contains("<dt>Escalated to</dt><dd>MASH duty social worker, ref 12345 "
                + "&lt;img src=x onerror=alert(1)&gt;</dd>"), page);
        assertFalse(page.contains(HOSTILE));
        assertFalse(page.contains("action=\"/captures/" + id + "/close\""), "no close form on a closed capture");
        assertFalse(page.contains("name=\"status\""), "no status buttons: Closed is final");

        assertTrue(move(id, "IN_REVIEW").contains("cannot become In review"));
        assertTrue(close(id, "POLICE", "Police")
                .contains("Only an escalated capture can be closed; this one is Closed"));
        assertEquals("SOCIAL_CARE", Db.text(dataDir, "SELECT outcome FROM captures WHERE id = ?", id));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE captures SET status = 'IN_REVIEW' WHERE id = " + id)
                .contains("a closed capture is final"));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE captures SET escalated_to = 'someone else' WHERE id = " + id)
                .contains("a closed capture is final"));

        String closedTab = dsl.get("/captures?status=CLOSED").body();
        assertTrue(closedTab.contains(href(id)), closedTab);
        assertTrue(closedTab.contains(">Closed</a>"), "a Closed tab");
        assertFalse(dsl.get("/captures?status=ESCALATED").body().contains(href(id)));
    }

    @Test
    void theDatabaseRefusesAClosedCaptureWithoutAnOutcome() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(2).setUser("no-outcome").build()))
                .get(0);
        assertTrue(Db.tryUpdate(dataDir, "UPDATE captures SET status = 'CLOSED' WHERE id = " + id)
                .contains("only with an outcome"));
        assertEquals("NEW", status(id));
    }

    @Test
    void noFurtherActionAndFalsePositiveOnSeverity4Or5NeedAReasonKeptAsANoteAndInTheAuditRow() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, List.of(
                Events.valid().setSeverity(5).setUser("reasons").build(),
                Events.valid().setSeverity(4).setUser("reasons").build(),
                Events.valid().setSeverity(3).setUser("reasons").build()));
        long five = ids.get(0);
        long four = ids.get(1);
        long three = ids.get(2);
        move(five, "IN_REVIEW");
        String form = dsl.get("/captures/" + five).body();
        assertTrue(form.contains("id=\"no-further-action\"") && form.contains("name=\"reason\""), form);
        assertTrue(move(five, "NO_FURTHER_ACTION").contains("Nothing changed: No further action on a severity 5"
                + " capture needs a reason of at least 10 characters."));
        assertTrue(move(five, "NO_FURTHER_ACTION", "too short").contains("needs a reason"));
        assertTrue(move(four, "FALSE_POSITIVE", "          ")
                .contains("Nothing changed: False positive on a severity 4"));
        assertEquals("IN_REVIEW", status(five));
        assertEquals("NEW", status(four));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id IN (?, ?)", five, four));

        String reason = "Spoke to pupil and parents: song lyrics " + HOSTILE;
        String page = move(five, "NO_FURTHER_ACTION", reason);
        assertEquals("NO_FURTHER_ACTION", status(five));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ? AND author = 'admin'"
                + " AND body = ?", five, "No further action: " + reason));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.status'"
                + " AND target = ? AND detail = ?", "capture:" + five, "IN_REVIEW -> NO_FURTHER_ACTION: " + reason));
        assertTrue(page.contains("No further action: Spoke to pupil and parents: song lyrics"
                + " &lt;img src=x onerror=alert(1)&gt;"), page);
        assertFalse(page.contains(HOSTILE));

        move(four, "FALSE_POSITIVE", "Typed a quote from the class novel");
        assertEquals("FALSE_POSITIVE", status(four));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.status'"
                + " AND target = ? AND detail = ?", "capture:" + four,
                "NEW -> FALSE_POSITIVE: Typed a quote from the class novel"));

        // the page has other reason fields (a legal hold, deleting now); the false-positive one is not there
        assertFalse(dsl.get("/captures/" + three).body().contains("Why is it a false positive?"),
                "severity 3: no reason asked");
        move(three, "FALSE_POSITIVE");
        assertEquals("FALSE_POSITIVE", status(three), "severity 1-3 need no reason");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ?", three));
    }

    @Test
    void assignedToMeListsTheSignedInDslsOpenCapturesOnly() throws Exception {
        WebSession other = WebSession.newUser(console, dsl, "deputy-dsl", "DSL");
        long adminId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'admin'");
        long otherId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'deputy-dsl'");
        List<Long> ids = Seeder.send(console, dataDir, List.of(
                Events.valid().setSeverity(3).setUser("mine").build(),
                Events.valid().setSeverity(2).setUser("mine").build(),
                Events.valid().setSeverity(3).setUser("mine").build(),
                Events.valid().setSeverity(1).setUser("mine").build()));
        long open = ids.get(0);
        long escalated = ids.get(1);
        long done = ids.get(2);
        long theirs = ids.get(3);
        for (long id : List.of(open, escalated, done)) {
            dsl.post("/captures/" + id + "/assign", Map.of("user", Long.toString(adminId)));
        }
        dsl.post("/captures/" + theirs + "/assign", Map.of("user", Long.toString(otherId)));
        move(escalated, "IN_REVIEW");
        move(escalated, "ESCALATED");
        move(done, "FALSE_POSITIVE");

        String mine = dsl.get("/captures?status=MINE").body();
        assertTrue(mine.contains(href(open)) && mine.contains(href(escalated)), mine);
        assertFalse(mine.contains(href(done)), "closed as a false positive: not open");
        assertFalse(mine.contains(href(theirs)), "assigned to someone else");
        assertTrue(mine.contains("aria-current=\"page\">Assigned to me</a>"), mine);
        String theirTab = other.get("/captures?status=MINE").body();
        assertTrue(theirTab.contains(href(theirs)));
        assertFalse(theirTab.contains(href(open)));
        assertTrue(dsl.get("/captures?status=MINE&severity=3").body().contains(href(open)));
        assertFalse(dsl.get("/captures?status=MINE&severity=3").body().contains(href(escalated)),
                "filters still apply");
    }

    @Test
    void theScreenshotJustificationShowsOnTheCapturePageWithWhoAndWhen() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setSeverity(4)
                .setCategory("cse-grooming").setUser("justified").build())).get(0);
        assertFalse(dsl.get("/captures/" + id).body().contains("id=\"justifications\""));
        String reason = "Need to identify the adult contact " + HOSTILE;
        dsl.post("/captures/" + id + "/justification", Map.of("justification", reason));
        String page = dsl.get("/captures/" + id).body();
        int list = page.indexOf("id=\"justifications\"");
        assertTrue(list > 0, page);
        String shown = page.substring(list);
        assertTrue(shown.contains("<p class=\"note-meta\">admin · "), shown);
        assertTrue(shown.contains("Need to identify the adult contact &lt;img src=x onerror=alert(1)&gt;"), shown);
        assertFalse(page.contains(HOSTILE));
    }

    @Test
    void sensitiveScreenshotIsNotSentUntilAJustificationIsRecorded() throws Exception {
        String page = dsl.get("/captures/" + sexual).body();
        assertFalse(page.contains("<img src=\"/captures/" + sexual + "/screenshot\""));
        assertTrue(page.contains("sensitive category"));
        assertEquals(403, dsl.getBytes("/captures/" + sexual + "/screenshot").statusCode());
        dsl.post("/captures/" + sexual + "/justification", Map.of("justification", "short"));
        assertEquals(403, dsl.getBytes("/captures/" + sexual + "/screenshot").statusCode());

        String reason = "Pupil disclosed to form tutor; need to see who the contact is";
        assertEquals(303, dsl.post("/captures/" + sexual + "/justification", Map.of("justification", reason))
                .statusCode());
        assertTrue(dsl.get("/captures/" + sexual).body().contains("<img src=\"/captures/" + sexual + "/screenshot\""));
        HttpResponse<byte[]> image = dsl.getBytes("/captures/" + sexual + "/screenshot");
        assertEquals(200, image.statusCode());
        assertArrayEquals(Events.ONE_PIXEL_PNG, image.body());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.screenshot.unblur'"
                + " AND target = ? AND detail = ?", "capture:" + sexual, reason));
    }

    @Test
    void capturePageShowsTheWindowRuleExplanationAndThePupilsOtherCaptures() throws Exception {
        String page = dsl.get("/captures/" + sexual).body();
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "window title escaped");
        assertFalse(page.contains(HOSTILE));
        assertTrue(page.contains("self-harm.txt:12"));
        assertTrue(page.contains("<dt>Why it matched</dt><dd>matched the phrase \"hurt myself\"</dd>"), page);
        assertTrue(page.contains("<dt>App</dt><dd>chrome</dd>"));
        assertTrue(page.contains("amy's other recent captures"), page);
        assertTrue(page.contains(href(low)) && page.contains(href(mid)));
        assertFalse(page.contains(href(high)), "ben's capture is not amy's");
    }

    @Test
    void pupilAndDeviceHistoriesCountByCategoryAndWeek() throws Exception {
        String pupil = dsl.get("/history/pupil?name=amy").body();
        assertTrue(pupil.contains("<th scope=\"row\">bullying</th>"), pupil);
        assertTrue(pupil.contains("<th scope=\"row\">drugs</th>"));
        assertFalse(pupil.contains("<th scope=\"row\">suicide</th>"));
        assertTrue(pupil.contains(href(low)));
        String deviceId = Db.text(dataDir, "SELECT device_id FROM captures WHERE id = ?", low);
        String device = dsl.get("/history/device?id=" + deviceId).body();
        assertTrue(device.contains("<th scope=\"row\">suicide</th>"));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'history.pupil.view'"
                + " AND target = 'pupil:amy'") >= 1);
    }

    @Test
    void theAuditLogIsAppendOnlyAndExportsAsAuditedCsv() throws Exception {
        assertNotNull(Db.tryUpdate(dataDir, "UPDATE audit_log SET actor = 'someone else'"));
        assertTrue(Db.tryUpdate(dataDir, "DELETE FROM audit_log").contains("append-only"));
        assertTrue(dsl.get("/audit").body().contains("capture.view"));
        HttpResponse<String> csv = dsl.get("/audit.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().startsWith("id,occurred_at_utc,actor,action,target,detail\r\n"));
        assertTrue(csv.body().contains(",admin,login,user:admin,"));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'audit.export'") >= 1);
        for (String method : List.of("/audit/1/delete", "/audit/1")) {
            assertEquals(404, dsl.post(method, Map.of()).statusCode());
        }
    }

    @Test
    void aFormPostedWithoutTheSessionsTokenIsRefused() throws Exception {
        HttpResponse<String> forged = dsl.postRaw("/captures/" + low + "/status", Map.of("status", "IN_REVIEW"),
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, forged.statusCode());
        assertEquals(403, dsl.postRaw("/captures/" + low + "/status", Map.of("status", "IN_REVIEW", "csrf", "x"))
                .statusCode());
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'csrf.refused'") >= 2);
    }

    private static String move(long id, String target) throws Exception {
        HttpResponse<String> response = dsl.post("/captures/" + id + "/status", Map.of("status", target));
        assertEquals(303, response.statusCode());
        return dsl.get(dsl.location(response)).body();
    }

    private static String move(long id, String target, String reason) throws Exception {
        HttpResponse<String> response = dsl.post("/captures/" + id + "/status",
                Map.of("status", target, "reason", reason));
        assertEquals(303, response.statusCode());
        return dsl.get(dsl.location(response)).body();
    }

    private static String close(long id, String outcome, String escalatedTo) throws Exception {
        HttpResponse<String> response = dsl.post("/captures/" + id + "/close",
                Map.of("outcome", outcome, "escalated_to", escalatedTo));
        assertEquals(303, response.statusCode());
        return dsl.get(dsl.location(response)).body();
    }

    private static String status(long id) {
        return Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", id);
    }

    private static String href(long id) {
        return "href=\"/captures/" + id + "\"";
    }

    private static void assertInOrder(String body, long... ids) {
        int last = -1;
        for (long id : ids) {
            int at = body.indexOf(href(id));
            assertTrue(at > last, "capture " + id + " after the one before it");
            last = at;
        }
    }
}
