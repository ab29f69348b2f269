package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.sqlite.SqliteBackend;

/** The database over real SQLite files: migrations, joined transactions, closing. */
class DatabaseTest {
    private static final List<String> MIGRATIONS = List.of("V1__init.sql", "V2__delivery.sql", "V3__triage.sql",
            "V4__policy.sql", "V5__groups.sql", "V6__exception_proposals.sql");

    @TempDir
    Path dir;

    @Test
    void aDatabaseMigratedWhenTheScriptsLayOutsideTheSqliteFolderStillOpens() throws Exception {
        Path oldLayout = Files.createDirectories(dir.resolve("db/migration"));
        for (String script : MIGRATIONS) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/sqlite/" + script)) {
                Files.copy(in, oldLayout.resolve(script));
            }
        }
        Path file = dir.resolve("vigil.db");
        SqliteBackend before = SqliteBackend.file(file);
        Flyway.configure().dataSource(before.dataSource()).locations("filesystem:" + oldLayout).load().migrate();

        try (Database database = Database.open(file)) {
            assertEquals(6L, count(database, "SELECT count(*) FROM flyway_schema_history WHERE success = 1"
                    + " AND CAST(version AS INTEGER) <= 6"),
                    "validated against the same versions and checksums; nothing migrated again");
            assertEquals(0L, count(database, "SELECT count(*) FROM flyway_schema_history WHERE success = 1"
                    + " AND CAST(version AS INTEGER) <= 6 AND installed_rank > 6"),
                    "only migrations newer than the old layout's run after it");
            assertEquals(0L, count(database, "SELECT count(*) FROM users"));
        }
    }

    @Test
    void workInsideATransactionJoinsItAndIsRolledBackWithIt() throws Exception {
        try (Database database = Database.open(dir.resolve("vigil.db"))) {
            AuditLog audit = new AuditLog(database, Clock.systemUTC());
            RuntimeException failure = new IllegalStateException("after both writes");
            RuntimeException thrown = assertThrows(IllegalStateException.class, () -> database.run(() -> {
                audit.record("alice", "test.one", "x");
                database.run(() -> audit.record("alice", "test.two", "x"));
                assertEquals(2L, count(database, "SELECT count(*) FROM audit_log"), "reads see the open transaction");
                throw failure;
            }));
            assertEquals(failure, thrown);
            assertEquals(0L, count(database, "SELECT count(*) FROM audit_log"));

            database.run(() -> {
                audit.record("alice", "test.one", "x");
                audit.record("alice", "test.two", "x");
            });
            assertEquals(2L, count(database, "SELECT count(*) FROM audit_log"));
        }
    }

    @Test
    void closingTheDatabaseClosesItsLastConnectionSoTheWalIsFoldedIntoTheFile() throws Exception {
        Path file = dir.resolve("vigil.db");
        Path wal = dir.resolve("vigil.db-wal");
        Database database = Database.open(file);
        new AuditLog(database, Clock.systemUTC()).record("alice", "test.one", "x");
        assertTrue(Files.exists(wal), "the kept connection holds the WAL open while the database is open");

        database.close();

        assertFalse(Files.exists(wal), "no connection left open");
        try (Database again = Database.open(file)) {
            assertEquals(1L, count(again, "SELECT count(*) FROM audit_log"));
        }
        database.close();
        Files.delete(file);
        assertFalse(Files.exists(file));
    }

    private static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
