package org.vigil.console;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the console's database file directly, as an outsider would. */
final class Db {
    private Db() {
    }

    static String text(Path dataDir, String sql, Object... args) {
        return query(dataDir, sql, args, rows -> rows.next() ? rows.getString(1) : null);
    }

    /** Runs an update as an outsider would; returns the error the database gave, or null if it worked. */
    static String tryUpdate(Path dataDir, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** The console's id for the capture an event became. */
    static long captureId(Path dataDir, String eventId) {
        return Long.parseLong(text(dataDir, "SELECT id FROM captures WHERE event_id = ?", eventId));
    }

    static long count(Path dataDir, String sql, Object... args) {
        return query(dataDir, sql, args, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private static <T> T query(Path dataDir, String sql, Object[] args, RowReader<T> reader) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** Reads the answer of a query. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
