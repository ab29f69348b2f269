package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' email addresses on /users: where their alerts will go. */
class UserEmailWebTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession admin;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        admin = WebSession.signIn(console, "admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anAdminCreatesAUserWithAnEmailThenChangesAndClearsItAndEachChangeIsAudited() throws Exception {
        HttpResponse<String> created = admin.post("/users", Map.of("username", "head-dsl", "role", "DSL",
                "email", "  Head.DSL@School.ORG.uk "));
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("Head.DSL@school.org.uk", email("head-dsl"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.create'"
                + " AND actor = 'admin' AND target = 'user:head-dsl'"
                + " AND detail = 'role DSL, email Head.DSL@school.org.uk'"));
        assertTrue(admin.get("/users").body().contains("value=\"Head.DSL@school.org.uk\""));

        long id = id("head-dsl");
        HttpResponse<String> changed = admin.post("/users/" + id + "/email", Map.of("email", "dsl@school.org.uk"));
        assertEquals(303, changed.statusCode(), changed.body());
        assertEquals("/users", admin.location(changed));
        assertEquals("dsl@school.org.uk", email("head-dsl"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.email'"
                + " AND actor = 'admin' AND target = 'user:head-dsl'"
                + " AND detail = 'from Head.DSL@school.org.uk to dsl@school.org.uk'"));

        assertEquals(303, admin.post("/users/" + id + "/email", Map.of("email", " ")).statusCode());
        assertNull(email("head-dsl"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.email'"
                + " AND target = 'user:head-dsl' AND detail = 'from dsl@school.org.uk to none'"));
        assertEquals(303, admin.post("/users/" + id + "/email", Map.of("email", "")).statusCode());
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.email'"
                + " AND target = 'user:head-dsl'"), "clearing an address that is not there changes nothing");
    }

    @Test
    void aUserMayHaveNoEmailAndTheListSaysNone() throws Exception {
        WebSession.createUser(admin, "governor", "VIEWER");
        assertNull(email("governor"));
        String page = admin.get("/users").body();
        assertTrue(page.contains("value=\"\" placeholder=\"none\" aria-label=\"Email of governor\""), page);
    }

    @Test
    void aBadAddressIsRefusedWithItsMessageAndNothingChanges() throws Exception {
        admin.post("/users", Map.of("username", "deputy", "role", "DSL", "email", "deputy@school.org"));
        long id = id("deputy");
        long audited = Db.count(dataDir, "SELECT count(*) FROM audit_log");

        HttpResponse<String> twoAts = admin.post("/users/" + id + "/email", Map.of("email", "deputy@@school.org"));
        assertEquals(400, twoAts.statusCode());
        assertTrue(twoAts.body().contains("is not an email address: it needs exactly one @."), twoAts.body());
        HttpResponse<String> pasted = admin.post("/users/" + id + "/email",
                Map.of("email", "<script>x</script>@school.org"));
        assertEquals(400, pasted.statusCode());
        assertTrue(pasted.body().contains("give one plain address"), pasted.body());
        assertFalse(pasted.body().contains("<script>x"), "the refused address is shown escaped");
        HttpResponse<String> tooLong = admin.post("/users/" + id + "/email",
                Map.of("email", "a".repeat(250) + "@school.org"));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("An email address is at most 254 characters."), tooLong.body());
        assertEquals("deputy@school.org", email("deputy"));

        HttpResponse<String> create = admin.post("/users", Map.of("username", "it-tech", "role", "IT_ADMIN",
                "email", "it-tech@localhost"));
        assertEquals(400, create.statusCode());
        assertTrue(create.body().contains("the part after the @ must be a domain such as school.org.uk."),
                create.body());
        assertFalse(create.body().contains("id=\"one-time-password\""));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'it-tech'"));
        assertEquals(audited, Db.count(dataDir, "SELECT count(*) FROM audit_log"), "nothing audited");
    }

    @Test
    void onlyAnAdminChangesAnEmailAndAnotherUsersAttemptIsRefusedAndAudited() throws Exception {
        WebSession dsl = WebSession.newUser(console, admin, "plain-dsl", "DSL");
        long adminId = id("admin");
        HttpResponse<String> refused = dsl.post("/users/" + adminId + "/email", Map.of("email", "me@elsewhere.com"));
        assertEquals(403, refused.statusCode());
        assertNull(email("admin"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = 'plain-dsl' AND target = ?", "POST /users/" + adminId + "/email"));

        HttpResponse<String> noToken = admin.postRaw("/users/" + adminId + "/email", Map.of("email", "a@b.org"));
        assertEquals(403, noToken.statusCode(), "the form needs the session's CSRF token");
        assertNull(email("admin"));
    }

    private static String email(String username) {
        return Db.text(dataDir, "SELECT email FROM users WHERE username = ?", username);
    }

    private static long id(String username) {
        return Db.count(dataDir, "SELECT id FROM users WHERE username = ?", username);
    }
}
