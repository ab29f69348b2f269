package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's settings (V12, per school since V41, ADR 0191): one value per key for the trust (the trust-wide
 * default, {@code school} empty) and one per key for each school that overrides it. A key with no row has its
 * default, which the caller knows.
 */
public final class SettingsRepository {
    private static final String TRUST = "school_id IS NULL";
    private static final String SCHOOL = "school_id = ?";

    private final Database database;
    private final Clock clock;

    public SettingsRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every trust-wide key that has a value. */
    public Map<String, String> all() {
        return all(Optional.empty());
    }

    /** Every key that has a value of the trust's ({@code school} empty) or of that school's own. */
    public Map<String, String> all(Optional<Long> school) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT key, value FROM school_settings WHERE " + owner(school) + " ORDER BY key")) {
                bindOwner(statement, school, 1);
                Map<String, String> out = new LinkedHashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.put(rows.getString(1), rows.getString(2));
                    }
                }
                return out;
            }
        });
    }

    public Optional<String> get(String key) {
        return get(Optional.empty(), key);
    }

    /** The trust's value ({@code school} empty) or that school's own, if it has one. */
    public Optional<String> get(Optional<Long> school, String key) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT value FROM school_settings WHERE " + owner(school) + " AND key = ?")) {
                int next = bindOwner(statement, school, 1);
                statement.setString(next, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Sets the trust-wide value (in the transaction open on this thread, or one of its own). */
    public void put(String key, String value, String by) {
        put(Optional.empty(), key, value, by);
    }

    /** Sets the trust's value ({@code school} empty) or that school's own. */
    public void put(Optional<Long> school, String key, String value, String by) {
        String conflict = school.isEmpty() ? "(key) WHERE " + TRUST : "(school_id, key) WHERE school_id IS NOT NULL";
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO school_settings (school_id, key, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT " + conflict + " DO UPDATE SET value = excluded.value,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
                statement.setObject(1, school.orElse(null), Types.BIGINT);
                statement.setString(2, key);
                statement.setString(3, value);
                statement.setLong(4, clock.millis());
                statement.setString(5, by);
                return statement.executeUpdate();
            }
        });
    }

    /** The trust-wide value back to the default (in the transaction open on this thread, or one of its own). */
    public void remove(String key) {
        remove(Optional.empty(), key);
    }

    /** The trust's value back to the default, or that school's back to the trust's. */
    public void remove(Optional<Long> school, String key) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM school_settings WHERE " + owner(school) + " AND key = ?")) {
                int next = bindOwner(statement, school, 1);
                statement.setString(next, key);
                return statement.executeUpdate();
            }
        });
    }

    private static String owner(Optional<Long> school) {
        return school.isEmpty() ? TRUST : SCHOOL;
    }

    /** Binds the school, if any, at {@code index}; returns the next free index. */
    private static int bindOwner(PreparedStatement statement, Optional<Long> school, int index) throws SQLException {
        if (school.isPresent()) {
            statement.setLong(index, school.get());
            return index + 1;
        }
        return index;
    }
}
