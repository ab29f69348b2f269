package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.postgresql.DbCredentials;
import org.vigil.console.store.postgresql.PostgresBackend;
import org.vigil.console.store.postgresql.PostgresUrl;
import org.vigil.console.store.postgresql.TestPostgres;

/** Choosing the database: --db, VIGIL_DB_URL, credentials from the environment or an owner-only file. */
class DatabaseChoiceTest {
    private static final String SECRET = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void sqliteInTheDataDirectoryUnlessAPostgresqlUrlIsGiven() {
        assertEquals(DatabaseChoice.SQLITE, DatabaseChoice.from(Map.of(), Map.of()));
        assertEquals(dir.resolve("vigil.db").toString(), DatabaseChoice.SQLITE.describe(dir));
    }

    @Test
    void theUrlFromTheOptionOrTheEnvironmentWithCredentialsFromTheEnvironment() {
        DatabaseChoice fromEnv = DatabaseChoice.from(Map.of(), Map.of("VIGIL_DB_URL", "postgresql://db.trust:6543/vigil",
                "VIGIL_DB_USER", "vigil", "VIGIL_DB_PASSWORD", SECRET));
        assertEquals(new PostgresUrl("db.trust", 6543, "vigil"), fromEnv.postgres().orElseThrow());
        assertEquals(SECRET, fromEnv.credentials().orElseThrow().password());
        DatabaseChoice fromOption = DatabaseChoice.from(Map.of("--db", "postgresql://other/vigil2"),
                Map.of("VIGIL_DB_URL", "postgresql://db.trust:6543/vigil", "VIGIL_DB_USER", "vigil"));
        assertEquals("postgresql://other:5432/vigil2 (user vigil)", fromOption.describe(dir), "the option wins");
        assertFalse(fromEnv.describe(dir).contains(SECRET));
        assertFalse(fromEnv.toString().contains(SECRET));
    }

    @Test
    void aUrlWithoutCredentialsOrWithThemInsideIsRefusedWithoutShowingThePassword() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DatabaseChoice.from(Map.of("--db", "postgresql://db/vigil"), Map.of()));
        assertTrue(none.getMessage().contains("VIGIL_DB_USER"), none.getMessage());
        IllegalArgumentException inside = assertThrows(IllegalArgumentException.class, () -> DatabaseChoice.from(
                Map.of("--db", "postgresql://vigil:" + SECRET.replace(' ', '-') + "@db/vigil"), Map.of()));
        assertFalse(inside.getMessage().contains("horse"), inside.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DatabaseChoice.from(Map.of("--db", "postgresql://db/"), Map.of("VIGIL_DB_USER", "v")));
        assertThrows(IllegalArgumentException.class,
                () -> DatabaseChoice.from(Map.of("--db", "postgresql://db/vigil?ssl=off"), Map.of("VIGIL_DB_USER", "v")));
    }

    @Test
    void credentialsFromAnOwnerOnlyFileAndAFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("db-credentials");
        Files.writeString(file, "vigil\n" + SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        DatabaseChoice choice = DatabaseChoice.from(Map.of("--db", "postgresql://db/vigil",
                "--db-credentials", file.toString()), Map.of());
        assertEquals(new DbCredentials("vigil", SECRET), choice.credentials().orElseThrow());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DatabaseChoice.from(
                Map.of("--db", "postgresql://db/vigil", "--db-credentials", file.toString()), Map.of()));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void anUnreachableServerIsOneLineNamingTheUrl() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresUrl url = new PostgresUrl("127.0.0.1", closedPort, "vigil");
        StoreUnreachable refused = assertThrows(StoreUnreachable.class,
                () -> PostgresBackend.connect(url, new DbCredentials("vigil", SECRET)));
        assertTrue(refused.getMessage().startsWith("cannot connect to the database " + url + " as vigil: "),
                refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void aRefusedPasswordIsOneLineNamingTheUrlAndUserButNotThePassword() {
        assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
        TestPostgres.Server server = TestPostgres.server().orElseThrow();
        StoreUnreachable refused = assertThrows(StoreUnreachable.class, () -> PostgresBackend.connect(
                server.adminUrl(), new DbCredentials(server.credentials().user(), SECRET)));
        assertTrue(refused.getMessage().contains(server.adminUrl().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET));

        StoreUnreachable noDatabase = assertThrows(StoreUnreachable.class, () -> PostgresBackend.connect(
                server.adminUrl().withDatabase("no_such_console"), server.credentials()));
        assertTrue(noDatabase.getMessage().contains("no_such_console"), noDatabase.getMessage());
    }
}
