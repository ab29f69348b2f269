package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue's bulk "false positive" with severity 4-5 rows in it: a confirmation step asks a reason for each such
 * row; a request with any of them missing is refused naming them and changes nothing; the reasons are kept as notes
 * and in the audit rows, as on a capture's own page.
 */
class BulkFalsePositiveReasonsTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>window.pwned=1</script>";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static Console console;
    private static Path dataDir;
    private static WebSession dsl;

    @BeforeAll
    static void signIn() throws Exception {
        console = running.get();
        dataDir = console.dataDir();
        dsl = WebSession.signIn(console, "admin", PASSWORD);
    }

    @Test
    void severity4Or5RowsAreConfirmedOneReasonEachAndTheReasonsAreKept() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, List.of(
                Events.valid().setSeverity(2).setUser("bulk-r").build(),
                Events.valid().setSeverity(5).setUser("bulk-r").build(),
                Events.valid().setSeverity(4).setUser("bulk-r").build()));
        long two = ids.get(0);
        long five = ids.get(1);
        long four = ids.get(2);

        HttpResponse<String> asked = bulk(ids, Map.of());
        assertEquals(200, asked.statusCode(), "a question, not yet a refusal");
        String confirm = asked.body();
        assertTrue(confirm.contains("2 ticked captures are severity 4-5: write why each is a false positive (at least"
                + " 10 characters). Nothing has changed yet."), confirm);
        assertTrue(confirm.contains("name=\"reason-" + five + "\"") && confirm.contains("name=\"reason-" + four + "\""));
        assertFalse(confirm.contains("name=\"reason-" + two + "\""), "severity 2 needs no reason");
        for (long id : ids) {
            assertTrue(confirm.contains("<input type=\"hidden\" name=\"capture\" value=\"" + id + "\">"), confirm);
        }
        assertTrue(confirm.contains("name=\"back\" value=\"/captures?pupil=bulk-r\""), confirm);
        assertNothingChanged(ids);

        String fiveReason = "Quoting the class novel " + HOSTILE;
        HttpResponse<String> partly = bulk(ids, Map.of(five, fiveReason, four, "too short"));
        assertEquals(400, partly.statusCode());
        String refused = partly.body();
        assertTrue(refused.contains("Nothing changed: capture " + four + " (severity 4) needs a reason of at least 10"
                + " characters to be marked false positive."), refused);
        assertFalse(refused.contains("capture " + five + " (severity 5)"), "only the rows still missing are named");
        assertTrue(refused.contains(">Quoting the class novel &lt;script&gt;window.pwned=1&lt;/script&gt;</textarea>"),
                "what was written is kept, escaped: " + refused);
        assertFalse(refused.contains(HOSTILE));
        assertNothingChanged(ids);

        HttpResponse<String> none = bulk(List.of(five, four), Map.of(five, "   "));
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Nothing changed: capture " + five + " (severity 5), capture " + four
                + " (severity 4) need a reason each of at least 10 characters"), none.body());
        assertNothingChanged(ids);

        String fourReason = "A spelling list for science";
        HttpResponse<String> done = bulk(ids, Map.of(five, fiveReason, four, fourReason));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/captures?pupil=bulk-r", dsl.location(done));
        assertTrue(dsl.get(dsl.location(done)).body().contains("3 marked false positive."));
        for (long id : ids) {
            assertEquals("FALSE_POSITIVE", Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", id));
        }
        assertNote(five, "False positive: " + fiveReason);
        assertNote(four, "False positive: " + fourReason);
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ?", two));
        assertAudit(five, "NEW -> FALSE_POSITIVE (bulk): " + fiveReason);
        assertAudit(four, "NEW -> FALSE_POSITIVE (bulk): " + fourReason);
        assertAudit(two, "NEW -> FALSE_POSITIVE (bulk)");
        String page = dsl.get("/captures/" + five).body();
        assertTrue(page.contains("False positive: Quoting the class novel &lt;script&gt;"), page);
        assertFalse(page.contains(HOSTILE));
    }

    @Test
    void severity1To3SelectionsCloseAtOnceWithoutAsking() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(3).setUser("bulk-l").build(),
                Events.valid().setSeverity(1).setUser("bulk-l").build()));
        HttpResponse<String> done = bulk(ids, Map.of());
        assertEquals(303, done.statusCode());
        assertTrue(dsl.get(dsl.location(done)).body().contains("2 marked false positive."));
        assertTrue(dsl.get("/captures").body().contains("each need a reason: you are asked for them"),
                "the queue says what happens to severe rows");
    }

    private static HttpResponse<String> bulk(List<Long> ids, Map<Long, String> reasons) throws Exception {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        ids.forEach(id -> fields.add(Map.entry("capture", Long.toString(id))));
        reasons.forEach((id, reason) -> fields.add(Map.entry("reason-" + id, reason)));
        fields.add(Map.entry("back", "/captures?pupil=bulk-r"));
        return dsl.postFields("/captures/bulk", fields);
    }

    private static void assertNothingChanged(List<Long> ids) {
        for (long id : ids) {
            assertEquals("NEW", Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", id));
            assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.status'"
                    + " AND target = ?", "capture:" + id));
            assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ?", id));
        }
    }

    private static void assertNote(long id, String body) {
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ? AND author = 'admin'"
                + " AND body = ?", id, body));
    }

    private static void assertAudit(long id, String detail) {
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.status'"
                + " AND target = ? AND detail = ? AND actor = 'admin'", "capture:" + id, detail));
    }
}
