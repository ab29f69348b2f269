package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.request.InvalidRequest;

/**
 * The admin made at first start is an IT administrator, not a DSL: whoever installs the console cannot read captures
 * until a DSL account is made deliberately. Its password, generated or given in VIGIL_ADMIN_PASSWORD, is one-time
 * and must pass the password rules.
 */
class FirstAdminTest {
    private static final String GIVEN = "first start: plum kettle lantern";

    @TempDir
    Path dataDir;

    @Test
    void theFirstAdminManagesUsersButCannotReadCapturesUntilADslIsMadeDeliberately() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            String generated = console.createdAdmin().orElseThrow().generatedPassword().orElseThrow();
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'admin'"
                    + " AND role = 'IT_ADMIN' AND is_admin = 1 AND must_change_password = 1"));
            WebSession admin = signInAndChoose(console, "admin", generated, "the installer's own long passphrase");

            assertEquals(403, admin.get("/captures").statusCode(), "an IT admin reads no capture");
            assertEquals(200, admin.get("/users").statusCode());
            assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE actor = 'admin'"
                    + " AND action = 'access.denied' AND target = 'GET /captures'") >= 1);

            WebSession dsl = WebSession.newUser(console, admin, "dsl-made-on-purpose", "DSL");
            assertEquals(200, dsl.get("/captures").statusCode());
        }
    }

    @Test
    void aGivenPasswordIsOneTimeToo() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp().withAdminPassword(GIVEN))) {
            WebSession admin = new WebSession(console);
            HttpResponse<String> signedIn = admin.signInAttempt("admin", GIVEN);
            assertEquals("/account/password", admin.location(signedIn));
            assertEquals("/account/password", admin.location(admin.get("/users")), "nothing else until it is changed");
        }
    }

    @Test
    void aWeakGivenPasswordIsRefusedWithTheReasonAndNoAdminIsMade() throws Exception {
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp()
                .withAdminPassword("correct horse battery staple")).close());
        assertTrue(refused.getMessage().startsWith("VIGIL_ADMIN_PASSWORD is refused: That password is too easy to"
                + " guess"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("Set a stronger one, or leave it unset for a generated one-time"
                + " password."), refused.getMessage());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM users"));

        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp().withAdminPassword(GIVEN))) {
            assertTrue(console.createdAdmin().isPresent(), "a stronger one on the next start works");
        }
    }

    private static WebSession signInAndChoose(Console console, String username, String oneTime, String chosen)
            throws Exception {
        WebSession session = new WebSession(console);
        assertEquals("/account/password", session.location(session.signInAttempt(username, oneTime)));
        session.refreshCsrf("/account/password");
        HttpResponse<String> changed = session.post("/account/password",
                Map.of("current", oneTime, "password", chosen, "repeat", chosen));
        assertEquals("/account/two-factor", session.location(changed), "an administrator sets up two-factor next");
        session.refreshCsrf(session.completeSignIn(username, session.location(changed)));
        return session;
    }
}
