package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
}
