package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The school's settings (V12): one value per key; a key with no row has its default, which the caller knows. */
public final class SettingsRepository {
    private final Database database;
    private final Clock clock;

    public SettingsRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every key that has a value. */
    public Map<String, String> all() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT key, value FROM school_settings ORDER BY key");
                 ResultSet rows = statement.executeQuery()) {
                Map<String, String> out = new LinkedHashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getString(2));
                }
                return out;
            }
        });
    }

    public Optional<String> get(String key) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT value FROM school_settings WHERE key = ?")) {
                statement.setString(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Sets the value (in the transaction open on this thread, or one of its own). */
    public void put(String key, String value, String by) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO school_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
                statement.setString(1, key);
                statement.setString(2, value);
                statement.setLong(3, clock.millis());
                statement.setString(4, by);
                return statement.executeUpdate();
            }
        });
    }

    /** Back to the default (in the transaction open on this thread, or one of its own). */
    public void remove(String key) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM school_settings WHERE key = ?")) {
                statement.setString(1, key);
                return statement.executeUpdate();
            }
        });
    }
}
