package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each database has its own migrations folder, with the same versions meaning the same schema (ADR 0170): a schema
 * "at V30" is the same on either, and what the schema itself refuses is refused on both.
 */
class MigrationTwinsTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void everySqliteMigrationHasAPostgresqlTwinOfTheSameVersionAndName() throws IOException {
        assertEquals(scripts("sqlite"), scripts("postgresql"),
                "a migration added for SQLite needs its PostgreSQL twin in db/migration/postgresql");
    }

    @OnBothStores
    void aNewDatabaseIsMigratedToTheNewestVersion(StoreUnderTest store) throws IOException {
        List<String> scripts = scripts(store.kind() == StoreUnderTest.Kind.SQLITE ? "sqlite" : "postgresql");
        String newest = VERSION.matcher(scripts.get(scripts.size() - 1)).replaceAll("$1");
        Database database = store.open();
        assertEquals(newest, text(database, "SELECT version FROM flyway_schema_history WHERE success"
                + " ORDER BY installed_rank DESC LIMIT 1"));
        assertEquals(String.valueOf(scripts.size()), text(database,
                "SELECT CAST(count(*) AS TEXT) FROM flyway_schema_history WHERE version IS NOT NULL"));
    }

    @OnBothStores
    void theSchemaRefusesChangesToTheAuditLogOnBoth(StoreUnderTest store) {
        Database database = store.open();
        new AuditLog(database, Clock.systemUTC()).record("alice", "test.one", "x", "detail");
        StoreException refused = assertThrows(StoreException.class, () -> database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE audit_log SET actor = 'mallory'")) {
                return update.executeUpdate();
            }
        }));
        assertTrue(refused.getCause().getMessage().contains("audit_log is append-only"),
                refused.getCause().getMessage());
        assertEquals("alice", text(database, "SELECT actor FROM audit_log"));
    }

    @OnBothStores
    void reopeningAMigratedDatabaseMigratesNothing(StoreUnderTest store) {
        Database first = store.open();
        String before = text(first, "SELECT CAST(count(*) AS TEXT) FROM flyway_schema_history");
        first.close();
        Database again = store.open();
        assertEquals(before, text(again, "SELECT CAST(count(*) AS TEXT) FROM flyway_schema_history"));
        assertNotNull(again.describe());
    }

    private static List<String> scripts(String folder) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(folder))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> VERSION.matcher(n).matches())
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(String script) {
        Matcher matcher = VERSION.matcher(script);
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

    private static String text(Database database, String sql) {
        return database.withConnection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            } catch (SQLException e) {
                throw e;
            }
        });
    }
}
