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

class RolesAndUsersTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET_TEXT = "only the dsl may read this";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession admin;
    private static long captureId;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        String context = "note: " + SECRET_TEXT + " hurt myself";
        captureId = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setContext(context)
                .setMatchStart(context.indexOf("hurt myself")).setMatchEnd(context.length()).build())).get(0);
        admin = WebSession.signIn(console, "admin", PASSWORD);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anAdminCreatesAUserWhoMustChangeTheOneTimePasswordBeforeAnythingElse() throws Exception {
        String oneTime = createUser("deputy", "DSL");
        WebSession deputy = new WebSession(console);
        HttpResponse<String> signedIn = deputy.signInAttempt("deputy", oneTime);
        assertEquals("/account/password", deputy.location(signedIn));
        assertEquals("/account/password", deputy.location(deputy.get("/captures")));
        deputy.refreshCsrf("/account/password");
        assertEquals(400, deputy.post("/account/password",
                Map.of("current", oneTime, "password", "short", "repeat", "short")).statusCode());
        String hashBefore = Db.text(dataDir, "SELECT password_hash FROM users WHERE username = 'deputy'");
        for (Map.Entry<String, String> weak : Map.of(
                "qwerty123456", "on a list of the most common passwords found in data breaches",
                "correct horse battery staple", "too easy to guess (about 17 bits; 35 needed). This is a very common"
                        + " password.").entrySet()) {
            HttpResponse<String> refused = deputy.post("/account/password",
                    Map.of("current", oneTime, "password", weak.getKey(), "repeat", weak.getKey()));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains(weak.getValue()), refused.body());
        }
        assertEquals(hashBefore, Db.text(dataDir, "SELECT password_hash FROM users WHERE username = 'deputy'"),
                "a refused password changes nothing");
        HttpResponse<String> changed = deputy.post("/account/password",
                Map.of("current", oneTime, "password", "a much longer passphrase", "repeat", "a much longer passphrase"));
        assertEquals(303, changed.statusCode(), changed.body());
        assertEquals("/account/two-factor", deputy.location(changed), "a DSL sets up two-factor sign-in next");
        assertEquals("/account/two-factor", deputy.location(deputy.get("/captures")));
        deputy.enrolTwoFactor();
        assertEquals(200, deputy.get("/captures").statusCode());
        assertEquals(401, new WebSession(console).signInAttempt("deputy", oneTime).statusCode());
        WebSession.signIn(console, "deputy", "a much longer passphrase");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.password.change'"
                + " AND actor = 'deputy'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.create'"
                + " AND target = 'user:deputy' AND actor = 'admin'"));
    }

    @Test
    void itAdminAndViewerGetForbiddenForCaptureContentAndTheAttemptIsAudited() throws Exception {
        for (String role : List.of("IT_ADMIN", "VIEWER")) {
            String username = role.toLowerCase().replace('_', '-') + "-user";
            WebSession session = signedInAs(username, role);
            for (String path : List.of("/captures", "/captures/" + captureId, "/captures/" + captureId + "/screenshot",
                    "/history/pupil?name=pupil07", "/events/captures", "/audit", "/audit.csv", "/users")) {
                HttpResponse<String> response = session.get(path);
                assertEquals(403, response.statusCode(), role + " " + path);
                assertFalse(response.body().contains(SECRET_TEXT), path);
                assertFalse(response.body().contains("hurt myself"), path);
            }
            assertEquals(403, session.post("/captures/" + captureId + "/notes", Map.of("note", "x")).statusCode());
            assertEquals(403, session.post("/captures/" + captureId + "/status", Map.of("status", "IN_REVIEW"))
                    .statusCode());
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                    + " AND actor = ? AND target = ?", username, "GET /captures/" + captureId));
            HttpResponse<String> overview = session.get("/overview");
            assertEquals(200, overview.statusCode());
            assertTrue(overview.body().contains("self-harm"), overview.body());
            assertFalse(overview.body().contains(SECRET_TEXT));
            assertFalse(overview.body().contains("pupil07"));
        }
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM capture_notes"));
        assertEquals("NEW", Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", captureId));
    }

    @Test
    void aDisabledUserCannotSignInAndLosesTheirSession() throws Exception {
        WebSession viewer = signedInAs("chair-of-governors", "VIEWER");
        long id = Db.count(dataDir, "SELECT id FROM users WHERE username = 'chair-of-governors'");
        assertEquals(303, admin.post("/users/" + id + "/disable", Map.of()).statusCode());
        assertEquals("/login", viewer.location(viewer.get("/overview")));
        assertEquals(401, new WebSession(console).signInAttempt("chair-of-governors", "chair-of-governors passphrase").statusCode());
    }

    @Test
    void onlyAdminsManageUsers() throws Exception {
        WebSession dsl = signedInAs("plain-dsl", "DSL");
        assertEquals(403, dsl.get("/users").statusCode());
        assertEquals(403, dsl.post("/users", Map.of("username", "sneaky", "role", "DSL", "admin", "on")).statusCode());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'sneaky'"));
        HttpResponse<String> bad = admin.post("/users", Map.of("username", "<b>bad</b>", "role", "DSL"));
        assertEquals(400, bad.statusCode());
        assertFalse(bad.body().contains("<b>bad</b>"));
    }

    private static WebSession signedInAs(String username, String role) throws Exception {
        return WebSession.newUser(console, admin, username, role);
    }

    private static String createUser(String username, String role) throws Exception {
        return WebSession.createUser(admin, username, role);
    }
}
