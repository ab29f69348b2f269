package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert rules, rota and school hours (V14): the trust's (no school) and each school's own (V52, ADR 0204). Writes
 * join the transaction open on the thread, where the caller writes the audit row.
 */
public final class AlertRulesRepository {
    private final Database database;

    public AlertRulesRepository(Database database) {
        this.database = database;
    }

    /** Every rule, the trust's and every school's, in the order they are read. */
    public List<StoredRule> rules() {
        return database.withConnection(connection -> {
            Map<Long, List<Long>> named = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT rule_id, user_id FROM alert_rule_users ORDER BY rule_id, user_id");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    named.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, position, min_severity, max_severity, category, hours, action, recipients, webhook,"
                            + " school_id FROM alert_rules ORDER BY position, id");
                 ResultSet rows = statement.executeQuery()) {
                List<StoredRule> out = new ArrayList<>();
                while (rows.next()) {
                    long id = rows.getLong(1);
                    out.add(new StoredRule(id, rows.getInt(2), rows.getInt(3), rows.getInt(4),
                            Optional.ofNullable(rows.getString(5)), rows.getString(6), rows.getString(7),
                            rows.getString(8), rows.getInt(9) == 1, named.getOrDefault(id, List.of()),
                            school(rows, 10)));
                }
                return out;
            }
        });
    }

    /** Adds the rule (its id is ignored) and returns its id. */
    public long addRule(StoredRule rule) {
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO alert_rules (position, min_severity, max_severity, category, hours, action,"
                            + " recipients, webhook, school_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                bindRule(statement, rule);
                bindSchool(statement, 9, rule.schoolId());
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertNamed(connection, id, rule.namedUserIds());
            return id;
        });
    }

    /** Replaces the rule with this id (its school stays); false if there is none. */
    public boolean changeRule(StoredRule rule) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE alert_rules SET position = ?, min_severity = ?, max_severity = ?, category = ?,"
                            + " hours = ?, action = ?, recipients = ?, webhook = ? WHERE id = ?")) {
                bindRule(statement, rule);
                statement.setLong(9, rule.id());
                if (statement.executeUpdate() == 0) {
                    return false;
                }
            }
            deleteNamed(connection, rule.id());
            insertNamed(connection, rule.id(), rule.namedUserIds());
            return true;
        });
    }

    public boolean deleteRule(long id) {
        return database.inTransaction(connection -> {
            deleteNamed(connection, id);
            return execute(connection, "DELETE FROM alert_rules WHERE id = ?", id) > 0;
        });
    }

    /** Every rota band, the trust's and every school's, by day, start and position. */
    public List<StoredRotaEntry> rota() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT r.id, r.day, r.starts, r.ends, r.position, r.user_id, u.username, r.school_id"
                            + " FROM alert_rota r"
                            + " JOIN users u ON u.id = r.user_id ORDER BY CASE r.day WHEN 'MONDAY' THEN 1"
                            + " WHEN 'TUESDAY' THEN 2 WHEN 'WEDNESDAY' THEN 3 WHEN 'THURSDAY' THEN 4"
                            + " WHEN 'FRIDAY' THEN 5 WHEN 'SATURDAY' THEN 6 ELSE 7 END, r.starts, r.position, r.id");
                 ResultSet rows = statement.executeQuery()) {
                List<StoredRotaEntry> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new StoredRotaEntry(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5), rows.getLong(6), rows.getString(7), school(rows, 8)));
                }
                return out;
            }
        });
    }

    /** Adds a band to the trust's rota (no school) or to a school's own. */
    public long addRota(String day, String starts, String ends, int position, long userId, Optional<Long> school) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO alert_rota (day, starts, ends, position, user_id, school_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                statement.setString(1, day);
                statement.setString(2, starts);
                statement.setString(3, ends);
                statement.setInt(4, position);
                statement.setLong(5, userId);
                bindSchool(statement, 6, school);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public boolean deleteRota(long id) {
        return database.inTransaction(connection -> execute(connection, "DELETE FROM alert_rota WHERE id = ?",
                id) > 0);
    }

    /** The trust's school hours as {@code [starts, ends]} ("08:30", "15:30"). */
    public List<String> schoolHours() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT starts, ends FROM alert_school_hours WHERE id = 1");
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? List.of(rows.getString(1), rows.getString(2)) : List.of("08:30", "15:30");
            }
        });
    }

    public void setSchoolHours(String starts, String ends) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO alert_school_hours (id, starts, ends) VALUES (1, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET starts = excluded.starts, ends = excluded.ends")) {
                statement.setString(1, starts);
                statement.setString(2, ends);
                return statement.executeUpdate();
            }
        });
    }

    /** Each school's own school hours, {@code [starts, ends]} by school id (a school not here has the trust's). */
    public Map<Long, List<String>> schoolHoursBySchool() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT school_id, starts, ends FROM alert_hours_per_school ORDER BY school_id");
                 ResultSet rows = statement.executeQuery()) {
                Map<Long, List<String>> out = new LinkedHashMap<>();
                while (rows.next()) {
                    out.put(rows.getLong(1), List.of(rows.getString(2), rows.getString(3)));
                }
                return out;
            }
        });
    }

    public void setSchoolHours(long schoolId, String starts, String ends) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO alert_hours_per_school (school_id, starts, ends) VALUES (?, ?, ?)"
                            + " ON CONFLICT (school_id) DO UPDATE SET starts = excluded.starts, ends = excluded.ends")) {
                statement.setLong(1, schoolId);
                statement.setString(2, starts);
                statement.setString(3, ends);
                return statement.executeUpdate();
            }
        });
    }

    /** Takes a school's own hours away, so the trust's apply to it again; false if it had none. */
    public boolean removeSchoolHours(long schoolId) {
        return database.inTransaction(connection -> execute(connection,
                "DELETE FROM alert_hours_per_school WHERE school_id = ?", schoolId) > 0);
    }

    private static Optional<Long> school(ResultSet rows, int column) throws SQLException {
        long id = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(id);
    }

    private static void bindSchool(PreparedStatement statement, int index, Optional<Long> school)
            throws SQLException {
        if (school.isPresent()) {
            statement.setLong(index, school.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void bindRule(PreparedStatement statement, StoredRule rule) throws SQLException {
        statement.setInt(1, rule.position());
        statement.setInt(2, rule.minSeverity());
        statement.setInt(3, rule.maxSeverity());
        statement.setString(4, rule.category().orElse(null));
        statement.setString(5, rule.hours());
        statement.setString(6, rule.action());
        statement.setString(7, rule.recipients());
        statement.setInt(8, rule.webhook() ? 1 : 0);
    }

    private static void insertNamed(Connection connection, long ruleId, List<Long> userIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO alert_rule_users (rule_id, user_id) VALUES (?, ?)"
                        + " ON CONFLICT (rule_id, user_id) DO NOTHING")) {
            for (long userId : userIds) {
                statement.setLong(1, ruleId);
                statement.setLong(2, userId);
                statement.executeUpdate();
            }
        }
    }

    private static void deleteNamed(Connection connection, long ruleId) throws SQLException {
        execute(connection, "DELETE FROM alert_rule_users WHERE rule_id = ?", ruleId);
    }

    private static int execute(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            return statement.executeUpdate();
        }
    }
}
