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
 * "Delete now" over real HTTP (ADR 0142): a severity 1-3 capture recorded in error goes at once with a reason;
 * severity 4-5 needs a second DSL; a held capture cannot go; each leaves a tombstone and nothing of the capture.
 */
class DeleteNowWebTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession first;
    private static WebSession second;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        first = WebSession.newUser(console, admin, "first-dsl", "DSL");
        second = WebSession.newUser(console, admin, "second-dsl", "DSL");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aMildCaptureRecordedInErrorGoesAtOnceWithItsReasonInTheAuditLog() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(2).build())).get(0);
        first.post("/captures/" + id + "/notes", Map.of("note", "typed by a supply teacher"));

        HttpResponse<String> deleted = first.post("/captures/" + id + "/delete",
                Map.of("deletion_reason", "typed by a teacher demonstrating the filter"));

        assertEquals(303, deleted.statusCode());
        assertEquals("/captures", first.location(deleted));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes WHERE capture_id = ?", id));
        assertTrue(Db.text(dataDir, "SELECT detail FROM audit_log WHERE action = 'capture.delete' AND target = ?",
                "capture:" + id).endsWith("deleted now, by first-dsl: typed by a teacher demonstrating the filter"));
        assertEquals(404, first.get("/captures/" + id).statusCode());
    }

    @Test
    void aSevereCaptureNeedsASecondDslToConfirm() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(5).build())).get(0);

        first.post("/captures/" + id + "/delete", Map.of("deletion_reason", "the test account typing the demo phrase"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id), "asked, not deleted");
        String own = first.get("/captures/" + id).body();
        assertTrue(own.contains("first-dsl asked to delete this capture"), own);
        assertTrue(own.contains("Another DSL must confirm it."));
        first.post("/captures/" + id + "/delete/confirm", Map.of());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id),
                "the DSL who asked cannot confirm");

        String others = second.get("/captures/" + id).body();
        assertTrue(others.contains("Confirm: delete this capture"), others);
        assertEquals(303, second.post("/captures/" + id + "/delete/confirm", Map.of()).statusCode());

        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id));
        assertTrue(Db.text(dataDir, "SELECT detail FROM audit_log WHERE action = 'capture.delete' AND target = ?",
                "capture:" + id).endsWith("asked by first-dsl: the test account typing the demo phrase; confirmed by"
                + " second-dsl"));
        assertEquals("second-dsl", Db.text(dataDir, "SELECT confirmed_by FROM capture_deletions WHERE capture_id = ?",
                id));
    }

    @Test
    void aHeldCaptureCannotBeDeleted() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(1).build())).get(0);
        first.post("/captures/" + id + "/hold", Map.of("scope", "CAPTURE", "hold_reason", "police ref 9"));

        first.post("/captures/" + id + "/delete", Map.of("deletion_reason", "recorded in error, honestly"));

        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id));
        String page = first.get("/captures/" + id).body();
        assertTrue(page.contains("is under legal hold"), page);
        assertFalse(page.contains("Delete now (recorded in error)"), "not offered while held");
    }
}
