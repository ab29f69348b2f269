package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.cli.UsersCommand;
import org.vigil.console.store.Hashes;

/** Two-factor sign-in over real HTTP on a real console: enrolment, codes, replay, recovery codes, reset, the setting. */
class TwoFactorTest {
    private static final String PASSWORD = "two factor test admin passphrase";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);

    @Test
    void enrolmentShowsAQrCodeAndTheSecretRefusesAWrongCodeAndGivesTenRecoveryCodesStoredHashed() throws Exception {
        WebSession admin = WebSession.signIn(running.get(), "admin", PASSWORD);
        String oneTime = WebSession.createUser(admin, "dsl-enrols", "DSL");
        WebSession dsl = new WebSession(running.get());
        dsl.signInAttempt("dsl-enrols", oneTime);
        dsl.refreshCsrf("/account/password");
        String chosen = "dsl-enrols own long passphrase";
        HttpResponse<String> changed = dsl.post("/account/password",
                Map.of("current", oneTime, "password", chosen, "repeat", chosen));
        assertEquals("/account/two-factor", dsl.location(changed));
        assertEquals("/account/two-factor", dsl.location(dsl.get("/captures")), "nothing else until enrolled");

        HttpResponse<String> page = dsl.get("/account/two-factor");
        assertTrue(page.body().contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), page.body());
        assertTrue(page.body().contains("id=\"totp-secret\">"), page.body());
        dsl.refreshCsrf("/account/two-factor");
        HttpResponse<String> wrong = dsl.post("/account/two-factor", Map.of("code", "000000"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("That code does not match."), wrong.body());
        assertNull(Db.text(running.get().dataDir(), "SELECT totp_secret FROM users WHERE username = 'dsl-enrols'"));

        List<String> codes = dsl.enrolTwoFactor();
        assertEquals(200, dsl.get("/captures").statusCode());
        long userId = Db.count(running.get().dataDir(), "SELECT id FROM users WHERE username = 'dsl-enrols'");
        assertEquals(10, Db.count(running.get().dataDir(), "SELECT count(*) FROM recovery_codes WHERE user_id = ?",
                userId));
        String plain = codes.get(0).replace("-", "");
        assertEquals(0, Db.count(running.get().dataDir(), "SELECT count(*) FROM recovery_codes WHERE code_sha256 = ?",
                plain));
        assertEquals(1, Db.count(running.get().dataDir(), "SELECT count(*) FROM recovery_codes WHERE code_sha256 = ?",
                Hashes.sha256Hex(plain)));
        assertEquals(1, Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action ="
                + " 'user.2fa.enrol' AND actor = 'dsl-enrols'"));
    }

    @Test
    void aSignInWaitsForTheCodeAWrongOrReplayedCodeIsRefusedAndThrottled() throws Exception {
        WebSession.signIn(running.get(), "admin", PASSWORD);
        WebSession half = new WebSession(running.get());
        HttpResponse<String> password = half.signInAttempt("admin", PASSWORD);
        assertEquals("/login/code", half.location(password));
        assertEquals("/login/code", half.location(half.get("/users")), "half signed in: only the code page");
        half.refreshCsrf("/login/code");
        assertEquals(401, half.post("/login/code", Map.of("code", "123456")).statusCode());
        String code = Phone.freshCode(running.get().dataDir(), "admin");
        assertEquals(303, half.post("/login/code", Map.of("code", code)).statusCode());
        assertEquals(200, half.get("/users").statusCode());

        WebSession replay = new WebSession(running.get());
        replay.signInAttempt("admin", PASSWORD);
        replay.refreshCsrf("/login/code");
        HttpResponse<String> again = replay.post("/login/code", Map.of("code", code));
        assertEquals(401, again.statusCode(), "a code is accepted once");
        assertTrue(again.body().contains("That code is wrong, or was used already."), again.body());
        for (int i = 0; i < 4; i++) {
            replay.post("/login/code", Map.of("code", "99999" + i));
        }
        HttpResponse<String> locked = replay.post("/login/code", Map.of("code",
                Phone.freshCode(running.get().dataDir(), "admin")));
        assertEquals(429, locked.statusCode(), "five wrong codes lock the account out on this address");
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertTrue(Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'login.2fa.failed'"
                + " AND actor = 'admin'") >= 5);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndTheCommandResetsALostPhone() throws Exception {
        WebSession admin = WebSession.signIn(running.get(), "admin", PASSWORD);
        WebSession.createUser(admin, "dsl-loses-phone", "DSL");
        String oneTime = WebSession.createUser(admin, "dsl-phone-two", "DSL");
        WebSession dsl = new WebSession(running.get());
        dsl.signInAttempt("dsl-phone-two", oneTime);
        dsl.refreshCsrf("/account/password");
        String chosen = "dsl-phone-two own long passphrase";
        dsl.post("/account/password", Map.of("current", oneTime, "password", chosen, "repeat", chosen));
        List<String> codes = dsl.enrolTwoFactor();

        WebSession withRecovery = new WebSession(running.get());
        withRecovery.signInAttempt("dsl-phone-two", chosen);
        withRecovery.refreshCsrf("/login/code");
        assertEquals(303, withRecovery.post("/login/code", Map.of("code", codes.get(3).toUpperCase())).statusCode());
        assertEquals(200, withRecovery.get("/captures").statusCode());
        WebSession reused = new WebSession(running.get());
        reused.signInAttempt("dsl-phone-two", chosen);
        reused.refreshCsrf("/login/code");
        assertEquals(401, reused.post("/login/code", Map.of("code", codes.get(3))).statusCode(), "used once only");
        assertTrue(Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action ="
                + " 'login.recovery-code' AND actor = 'dsl-phone-two' AND detail LIKE '9 left%'") == 1);

        assertEquals("two-factor sign-in of dsl-phone-two is reset: they set it up again at their next sign-in\n",
                UsersCommand.run(List.of("reset-2fa", "dsl-phone-two", "--data", running.get().dataDir().toString()),
                        Clock.systemUTC()));
        assertEquals("/login", withRecovery.location(withRecovery.get("/captures")), "their sessions ended");
        assertNull(Db.text(running.get().dataDir(), "SELECT totp_secret FROM users WHERE username = 'dsl-phone-two'"));
        assertEquals(0, Db.count(running.get().dataDir(), "SELECT count(*) FROM recovery_codes r JOIN users u"
                + " ON u.id = r.user_id WHERE u.username = 'dsl-phone-two'"));
        assertEquals(1, Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action ="
                + " 'user.2fa.reset' AND target = 'user:dsl-phone-two' AND actor LIKE 'cli:%'"));
        WebSession next = new WebSession(running.get());
        assertEquals("/account/two-factor", next.location(next.signInAttempt("dsl-phone-two", chosen)),
                "they enrol again");
    }

    @Test
    void aViewerIsNotAskedAndTurningEnforcementOffIsAudited() throws Exception {
        WebSession admin = WebSession.signIn(running.get(), "admin", PASSWORD);
        WebSession viewer = WebSession.newUser(running.get(), admin, "head-teacher-viewer", "VIEWER");
        assertEquals(200, viewer.get("/overview").statusCode());
        assertNull(Db.text(running.get().dataDir(),
                "SELECT totp_secret FROM users WHERE username = 'head-teacher-viewer'"));

        admin.refreshCsrf("/settings");
        assertEquals(303, admin.post("/settings/TWO_FACTOR_REQUIRED", Map.of("value", "no")).statusCode());
        assertEquals(1, Db.count(running.get().dataDir(), "SELECT count(*) FROM audit_log WHERE action ="
                + " 'settings.change' AND actor = 'admin' AND target = 'auth.two_factor_required'"));
        try {
            String oneTime = WebSession.createUser(admin, "dsl-without-2fa", "DSL");
            WebSession dsl = new WebSession(running.get());
            dsl.signInAttempt("dsl-without-2fa", oneTime);
            dsl.refreshCsrf("/account/password");
            String chosen = "dsl-without-2fa own long passphrase";
            HttpResponse<String> changed = dsl.post("/account/password",
                    Map.of("current", oneTime, "password", chosen, "repeat", chosen));
            assertEquals("/captures", dsl.location(changed), "not required when enforcement is off");
            assertFalse(dsl.get("/captures").body().contains("Two-factor sign-in"));
        } finally {
            admin.refreshCsrf("/settings");
            admin.post("/settings/TWO_FACTOR_REQUIRED", Map.of("value", "yes"));
        }
    }
}
