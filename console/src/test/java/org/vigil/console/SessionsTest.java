package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.store.Hashes;

class SessionsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);

    @Test
    void aSessionIdPlantedBeforeSignInIsNeverAdopted() throws Exception {
        WebSession victim = new WebSession(running.get());
        victim.setSessionCookie("planted-by-an-attacker");
        HttpResponse<String> signedIn = victim.signInAttempt("admin", PASSWORD);
        assertEquals(303, signedIn.statusCode());
        String issued = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("vigil_session=")).findFirst().orElseThrow();
        assertFalse(issued.startsWith("vigil_session=planted-by-an-attacker"), issued);
        WebSession attacker = new WebSession(running.get());
        attacker.setSessionCookie("planted-by-an-attacker");
        assertEquals("/login", attacker.location(attacker.get("/captures")));
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() throws Exception {
        WebSession browser = WebSession.signIn(running.get(), "admin", PASSWORD);
        String cookie = browser.sessionCookie();
        assertNotNull(cookie);
        assertEquals(303, browser.post("/logout", Map.of()).statusCode());
        WebSession replay = new WebSession(running.get());
        replay.setSessionCookie(cookie);
        assertEquals("/login", replay.location(replay.get("/captures")));
        assertTrue(Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'logout' AND actor = 'admin'") >= 1);
        assertTrue(Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'login' AND actor = 'admin'") >= 1);
    }

    @Test
    void changingYourOwnPasswordEndsYourOtherSessionsButNotThisOne() throws Exception {
        WebSession admin = WebSession.signIn(running.get(), "admin", PASSWORD);
        WebSession.newUser(running.get(), admin, "dsl-two-places", "DSL");
        String chosen = "dsl-two-places passphrase";
        WebSession laptop = WebSession.signIn(running.get(), "dsl-two-places", chosen);
        WebSession stolen = WebSession.signIn(running.get(), "dsl-two-places", chosen);

        laptop.refreshCsrf("/account/password");
        String next = "a brand new passphrase for the DSL";
        assertEquals(303, laptop.post("/account/password",
                Map.of("current", chosen, "password", next, "repeat", next)).statusCode());

        assertEquals("/login", stolen.location(stolen.get("/captures")), "the other session is over");
        assertEquals(200, laptop.get("/captures").statusCode(), "the one that changed it goes on");
    }

    @Test
    void aSessionSurvivesAConsoleRestartOnTheSameDataDir() throws Exception {
        WebSession browser = WebSession.signIn(running.get(), "admin", PASSWORD);
        assertEquals(200, browser.get("/overview").statusCode());
        running.stop();
        running.startAgain();
        assertEquals(200, browser.get("/overview").statusCode(), "still signed in after the restart");
        assertEquals(303, browser.post("/logout", Map.of()).statusCode(), "and the CSRF token is the session's still");
        assertEquals("/login", browser.location(browser.get("/overview")));
    }

    @Test
    void theDatabaseHoldsOnlyAHashOfTheSessionToken() throws Exception {
        WebSession browser = WebSession.signIn(running.get(), "admin", PASSWORD);
        String token = browser.sessionCookie();
        assertEquals(1, Db.count(running.get().dataDir(), "SELECT count(*) FROM web_sessions WHERE token_sha256 = ?",
                Hashes.sha256Hex(token)));
        assertEquals(0, Db.count(running.get().dataDir(), "SELECT count(*) FROM web_sessions WHERE token_sha256 = ?"
                + " OR csrf_token = ?", token, token));
    }
}
