package org.vigil.console.store.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;

/**
 * The copy replaces the rows the migrations themselves write and refuses a target with any other row (ADR 0178),
 * so its list of seeded tables must be exactly the tables a freshly migrated database holds rows in: a new
 * migration that seeds a table fails here until the list names it.
 */
class SeededByMigrationsTest {

    @OnBothStores
    void aFreshlyMigratedDatabaseHoldsRowsOnlyInTheTablesTheCopyReplaces(StoreUnderTest store) throws SQLException {
        Database database = store.open();
        Set<String> withRows = new TreeSet<>();
        try (Connection connection = database.connect()) {
            for (String table : tables(connection, store.kind())) {
                if (!StoreCopy.NOT_COPIED_AS_ROWS.contains(table) && count(connection, table) > 0) {
                    withRows.add(table);
                }
            }
        }
        assertEquals(new TreeSet<>(StoreCopy.SEEDED_BY_MIGRATIONS), withRows);
    }

    private static List<String> tables(Connection connection, StoreUnderTest.Kind kind) throws SQLException {
        String sql = kind == StoreUnderTest.Kind.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                : "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace";
        List<String> out = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TableShape.quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
