package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.UsersCommand;
import org.vigil.console.request.InvalidRequest;

class UsersCommandTest {
    private static final String ONE_TIME = "one-time password for ";

    @TempDir
    Path dataDir;

    @BeforeEach
    void makeConsole() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    @Test
    void addListEmailAndResetChangeTheUsersAndAreAuditedAsTheOperatingSystemUser() {
        String added = users("add", "deputy", "--role", "DSL", "--email", " Deputy@School.ORG ", "--admin");
        assertTrue(added.startsWith("added user deputy (DSL, admin)\n" + ONE_TIME + "deputy: "), added);
        assertTrue(added.endsWith("\nit is shown only now, and must be changed at the first sign-in\n"), added);
        users("add", "governor", "--role", "VIEWER");
        String actor = "cli:" + System.getProperty("user.name");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.create' AND actor = ?"
                + " AND target = 'user:deputy' AND detail = 'role DSL, admin, email Deputy@school.org'", actor));

        long deputy = Db.count(dataDir, "SELECT id FROM users WHERE username = 'deputy'");
        long governor = Db.count(dataDir, "SELECT id FROM users WHERE username = 'governor'");
        assertEquals("id\tusername\trole\tadmin\tdisabled\temail\n"
                + deputy + "\tdeputy\tDSL\tyes\tno\tDeputy@school.org\n"
                + governor + "\tgovernor\tVIEWER\tno\tno\t-\n", users("list"));

        assertEquals("the email of governor is now chair@governors.school.org\n",
                users("email", "governor", "--email", "chair@Governors.School.org"));
        assertEquals("the email of governor is already chair@governors.school.org: nothing changed\n",
                users("email", "governor", "--email", "chair@governors.school.org"));
        assertEquals("deputy has no email now\n", users("email", "deputy", "--email", "none"));
        assertEquals("deputy already has no email: nothing changed\n", users("email", "deputy", "--email", "none"));
        assertEquals(null, Db.text(dataDir, "SELECT email FROM users WHERE username = 'deputy'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.email' AND actor = ?"
                + " AND target = 'user:deputy' AND detail = 'from Deputy@school.org to none'", actor));
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.email'"));

        String oldHash = Db.text(dataDir, "SELECT password_hash FROM users WHERE username = 'governor'");
        Db.tryUpdate(dataDir, "UPDATE users SET must_change_password = 0 WHERE username = 'governor'");
        String reset = users("reset-password", "governor");
        assertTrue(reset.startsWith(ONE_TIME + "governor: "), reset);
        assertTrue(!oldHash.equals(Db.text(dataDir, "SELECT password_hash FROM users WHERE username = 'governor'")));
        assertEquals(1, Db.count(dataDir, "SELECT must_change_password FROM users WHERE username = 'governor'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.password.reset'"
                + " AND actor = ? AND target = 'user:governor'", actor));
    }

    @Test
    void aPasswordResetByTheCommandRecoversALostFirstAdminPasswordForOneSignInThatMustChangeIt() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            String oneTime = password(users("reset-password", "admin"));

            WebSession admin = new WebSession(console);
            HttpResponse<String> signedIn = admin.signInAttempt("admin", oneTime);
            assertEquals(303, signedIn.statusCode(), signedIn.body());
            assertEquals("/account/password", admin.location(signedIn));
            assertEquals("/account/password", admin.location(admin.get("/users")));
            admin.refreshCsrf("/account/password");
            String chosen = "a new admin passphrase";
            HttpResponse<String> changed = admin.post("/account/password",
                    Map.of("current", oneTime, "password", chosen, "repeat", chosen));
            assertEquals(303, changed.statusCode(), changed.body());
            assertEquals("/account/two-factor", admin.location(changed), "an administrator turns on two-factor next");
            admin.enrolTwoFactor();
            assertEquals(200, admin.get("/users").statusCode());
            assertEquals(401, new WebSession(console).signInAttempt("admin", oneTime).statusCode(),
                    "the one-time password is spent");
            WebSession again = WebSession.signIn(console, "admin", chosen);

            // sessions are in the database: a reset by the command ends them on the running console at once
            password(users("reset-password", "admin"));
            assertEquals("/login", admin.location(admin.get("/users")));
            assertEquals("/login", again.location(again.get("/users")));

            String itTech = password(users("add", "it-tech", "--role", "IT_ADMIN", "--email", "it@school.org"));
            WebSession tech = new WebSession(console);
            assertEquals("/account/password", tech.location(tech.signInAttempt("it-tech", itTech)));
        }
    }

    @Test
    void badRequestsSayWhatIsWrongAndChangeNothing() {
        users("add", "deputy", "--role", "DSL", "--email", "deputy@school.org");
        long audited = Db.count(dataDir, "SELECT count(*) FROM audit_log");

        assertEquals("There is no user called nobody.", assertThrows(InvalidRequest.class,
                () -> users("reset-password", "nobody")).getMessage());
        assertEquals("There is no user called nobody.", assertThrows(InvalidRequest.class,
                () -> users("email", "nobody", "--email", "a@b.org")).getMessage());
        assertEquals("--role must be one of DSL|IT_ADMIN|VIEWER, got BOSS", assertThrows(IllegalArgumentException.class,
                () -> users("add", "head", "--role", "BOSS")).getMessage());
        assertEquals("add needs --role DSL|IT_ADMIN|VIEWER", assertThrows(IllegalArgumentException.class,
                () -> users("add", "head")).getMessage());
        assertEquals("add needs the new user's name", assertThrows(IllegalArgumentException.class,
                () -> users("add", "--role", "DSL")).getMessage());
        assertEquals("\"head@school\" is not an email address: the part after the @ must be a domain such as"
                + " school.org.uk.", assertThrows(InvalidRequest.class,
                () -> users("add", "head", "--role", "DSL", "--email", "head@school")).getMessage());
        assertEquals("\"deputy at school.org\" is not an email address: it may not contain spaces or invisible"
                + " characters.", assertThrows(InvalidRequest.class,
                () -> users("email", "deputy", "--email", "deputy at school.org")).getMessage());
        assertEquals("email needs --email ADDR (or --email none)", assertThrows(IllegalArgumentException.class,
                () -> users("email", "deputy")).getMessage());
        assertEquals("There is already a user called deputy.", assertThrows(InvalidRequest.class,
                () -> users("add", "deputy", "--role", "VIEWER")).getMessage());
        assertEquals("--admin takes no value", assertThrows(IllegalArgumentException.class,
                () -> users("add", "head", "--role", "DSL", "--admin=yes")).getMessage());
        assertEquals("users needs one of: add, email, list, reset-2fa, reset-password", assertThrows(
                IllegalArgumentException.class, () -> users("remove", "deputy")).getMessage());

        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users WHERE username <> 'admin'"));
        assertEquals("deputy@school.org", Db.text(dataDir, "SELECT email FROM users WHERE username = 'deputy'"));
        assertEquals("DSL", Db.text(dataDir, "SELECT role FROM users WHERE username = 'deputy'"));
        assertEquals(audited, Db.count(dataDir, "SELECT count(*) FROM audit_log"));
    }

    private String users(String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.addAll(List.of("--data", dataDir.toString()));
        return UsersCommand.run(args, Clock.systemUTC());
    }

    private static String password(String printed) {
        String first = printed.lines().filter(l -> l.startsWith(ONE_TIME)).findFirst().orElseThrow();
        return first.substring(first.indexOf(": ") + 2);
    }
}
