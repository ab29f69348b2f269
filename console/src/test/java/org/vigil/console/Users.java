package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Users made through the /users page by an admin, signed in with their own password chosen. */
final class Users {
    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("<code>([^<]+)</code>");

    private Users() {
    }

    /** Creates the user as the admin would, signs in with the one-time password and sets a lasting one. */
    static WebSession signedInAs(Console console, WebSession admin, String username, String role) throws Exception {
        HttpResponse<String> created = admin.post("/users", Map.of("username", username, "role", role));
        assertEquals(200, created.statusCode(), created.body());
        Matcher password = ONE_TIME_PASSWORD.matcher(created.body());
        assertTrue(password.find(), created.body());
        WebSession session = new WebSession(console);
        session.signInAttempt(username, password.group(1));
        session.refreshCsrf("/account/password");
        String chosen = username + " passphrase";
        assertEquals(303, session.post("/account/password",
                Map.of("current", password.group(1), "password", chosen, "repeat", chosen)).statusCode());
        session.refreshCsrf("/overview");
        return session;
    }
}
