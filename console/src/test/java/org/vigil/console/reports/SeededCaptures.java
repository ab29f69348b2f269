package org.vigil.console.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.vigil.console.store.Database;

/**
 * Captures written straight into a real console database (migrations and triggers as the console runs them), at
 * chosen times and in chosen states, so each report figure has a known answer. Triage moves are plain UPDATEs, as
 * the repositories make them; the aggregates must follow whatever writes the captures.
 */
final class SeededCaptures {
    static final String DEVICE = "dev-reports";
    private final Database database;
    private long seq;

    SeededCaptures(Database database) {
        this.database = database;
        sql("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user, enrolled_at)"
                + " VALUES (?, 'x', 'laptop-1', 'linux', '1', 'pupil', 0)", DEVICE);
    }

    /** A New capture of the first school at that time, received at the same moment, with a marker in everything typed. */
    long add(Instant at, String category, int severity, String login) {
        return add(at, category, severity, login, 1);
    }

    /** As {@link #add(Instant, String, int, String)}, recorded by a device of the school given. */
    long add(Instant at, String category, int severity, String login, long school) {
        seq++;
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO captures (event_id, device_id,"
                    + " seq, occurred_at, received_at, os_user, window_title, app, category, severity, rule_id,"
                    + " matched_text, context, match_start, match_end, explanation, school_id) VALUES (?, ?, ?, ?, ?, ?,"
                    + " 'window', 'app', ?, ?, 'r:1', 'matched', 'the context', 0, 7, 'why', ?) RETURNING id")) {
                statement.setString(1, UUID.randomUUID().toString());
                statement.setString(2, DEVICE);
                statement.setLong(3, seq);
                statement.setLong(4, at.toEpochMilli());
                statement.setLong(5, at.toEpochMilli());
                statement.setString(6, login);
                statement.setString(7, category);
                statement.setInt(8, severity);
                statement.setLong(9, school);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    void status(long id, String status, Instant at) {
        sql("UPDATE captures SET status = ?, status_changed_at = ? WHERE id = ?", status, at.toEpochMilli(), id);
    }

    void opened(long id, Instant at) {
        sql("UPDATE captures SET first_opened_at = ? WHERE id = ?", at.toEpochMilli(), id);
    }

    void close(long id, String outcome, Instant at) {
        sql("UPDATE captures SET status = 'ESCALATED', status_changed_at = ? WHERE id = ?", at.toEpochMilli(), id);
        sql("UPDATE captures SET status = 'CLOSED', status_changed_at = ?, outcome = ?, escalated_to = 'MASH',"
                + " closed_by = 'dsl', closed_at = ? WHERE id = ?", at.toEpochMilli(), outcome, at.toEpochMilli(), id);
    }

    /** A second (third…) school of the console; returns its id. */
    long school(String code) {
        return count("INSERT INTO schools (code, name, created_at) VALUES (?, ?, 0) RETURNING id", code,
                "School " + code);
    }

    /** The capture moved to another school (as a correction of where a device belonged might). */
    void moveTo(long id, long school) {
        sql("UPDATE captures SET school_id = ? WHERE id = ?", school, id);
    }

    void delete(long id) {
        sql("DELETE FROM captures WHERE id = ?", id);
    }

    void pupil(String login, String yearGroup) {
        sql("INSERT INTO pupils (login, given_name, family_name, year_group, form, source, updated_at)"
                + " VALUES (?, 'Given', 'Family', ?, '7A', 'CSV', 0)", login, yearGroup);
        sql("INSERT INTO pupil_logins (login, pupil_id, source, linked_by, linked_at)"
                + " SELECT ?, id, 'DIRECTORY', 'import', 0 FROM pupils WHERE login = ?", login.toLowerCase(), login);
    }

    long count(String query, Object... args) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, query, args);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    void sql(String update, Object... args) {
        database.withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, update, args)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
