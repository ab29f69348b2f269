package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.SchoolsCommand;
import org.vigil.console.cli.TokensCommand;
import org.vigil.console.cli.UsersCommand;
import org.vigil.console.request.InvalidRequest;

/**
 * The {@code schools} command, and {@code tokens create --school} and {@code users add --school/--trust-schools}
 * (ADR 0177), on a console {@code serve} has made: each writes what it says, audited, and a wrong code changes
 * nothing.
 */
class SchoolsCommandTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dataDir;

    @BeforeEach
    void makeConsole() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    @Test
    void schoolsAreMadeAndListedAndTokensAndUsersNameTheirSchool() {
        assertEquals("id\tcode\tname\n1\tmain\tThis school\n", run(SchoolsCommand::run, "list"));
        assertTrue(run(SchoolsCommand::run, "create", "oak", "--name", "Oak Academy")
                .startsWith("added school oak (Oak Academy), id 2"));
        assertEquals("id\tcode\tname\n1\tmain\tThis school\n2\toak\tOak Academy\n", run(SchoolsCommand::run, "list"));
        assertThrows(InvalidRequest.class, () -> run(SchoolsCommand::run, "create", "oak", "--name", "Again"));
        assertThrows(IllegalArgumentException.class, () -> run(SchoolsCommand::run, "create", "elm"),
                "a school needs a name");

        String token = run(TokensCommand::run, "create", "--school", "oak", "--note", "oak laptops").strip();
        assertEquals(43, token.length());
        assertEquals(2, Db.count(dataDir, "SELECT school_id FROM enrolment_tokens WHERE note = 'oak laptops'"));
        long tokens = Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens");
        assertThrows(InvalidRequest.class, () -> run(TokensCommand::run, "create", "--school", "ash"));
        assertEquals(tokens, Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens"), "none made");

        assertTrue(run(UsersCommand::run, "add", "oak-dsl", "--role", "DSL", "--school", "oak")
                .startsWith("added user oak-dsl (DSL, school oak)"));
        assertEquals(2, Db.count(dataDir, "SELECT school_id FROM users WHERE username = 'oak-dsl'"));
        assertTrue(run(UsersCommand::run, "add", "trust-dsl", "--role", "DSL", "--trust-schools", "main,oak")
                .startsWith("added user trust-dsl (DSL, trust level over main, oak)"));
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM user_schools s JOIN users u ON u.id = s.user_id"
                + " WHERE u.username = 'trust-dsl'"));
        assertThrows(InvalidRequest.class, () -> run(UsersCommand::run, "add", "nobody", "--role", "DSL",
                "--school", "ash"));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'nobody'"),
                "a wrong school makes no user");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'school.create'"));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'user.schools'"
                + " AND target = 'user:trust-dsl'"));
    }

    private String run(Command command, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--data", dataDir.toString()));
        return command.run(all, CLOCK);
    }

    @FunctionalInterface
    private interface Command {
        String run(List<String> args, Clock clock);
    }
}
