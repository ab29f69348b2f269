package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's schools (tenants), which schools each user works for, and which school a capture, device or login
 * belongs to (for the audit row of a refusal: ADR 0176).
 */
public final class SchoolRepository {
    private final Database database;
    private final Clock clock;

    public SchoolRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds a school; empty if the code is taken. */
    public Optional<School> create(String code, String name) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO schools (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING"
                            + " RETURNING id")) {
                statement.setString(1, code);
                statement.setString(2, name);
                statement.setLong(3, clock.millis());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new School(rows.getLong(1), code, name)) : Optional.empty();
                }
            }
        });
    }

    /** Every school, by id (the first school first). */
    public List<School> list() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, code, name FROM schools ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                List<School> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new School(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
                return out;
            }
        });
    }

    public Optional<School> findByCode(String code) {
        return list().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<School> findById(long id) {
        return list().stream().filter(s -> s.id() == id).findFirst();
    }

    /**
     * The schools the user works for: their own school, or a trust-level user's chosen ones. Empty for a user who
     * does not exist.
     */
    public Optional<SchoolScope> scopeOf(long userId) {
        return database.withConnection(connection -> scopeOf(connection, userId));
    }

    static Optional<SchoolScope> scopeOf(Connection connection, long userId) throws SQLException {
        long home;
        boolean trust;
        long schools;
        boolean admin;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT u.school_id, u.trust_level, (SELECT count(*) FROM schools), u.is_admin FROM users u"
                        + " WHERE u.id = ?")) {
            statement.setLong(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                home = rows.getLong(1);
                trust = rows.getInt(2) != 0;
                schools = rows.getLong(3);
                admin = rows.getInt(4) != 0;
            }
        }
        return Optional.of(scope(connection, userId, home, trust, admin, schools));
    }

    /**
     * The scope of a user whose row says {@code home}, {@code trust} and {@code admin}, on a console of
     * {@code schools} schools: a trust-level user's chosen schools are read here. Admins are the trust's: they make
     * schools and users, so they work for every school (ADR 0176).
     */
    static SchoolScope scope(Connection connection, long userId, long home, boolean trust, boolean admin,
                             long schools) throws SQLException {
        if (admin) {
            return new SchoolScope(Set.of(home), true);
        }
        if (!trust && schools == 1) {
            return SchoolScope.ONE_SCHOOL_CONSOLE;
        }
        Set<Long> ids = new HashSet<>();
        if (trust) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT school_id FROM user_schools WHERE user_id = ?")) {
                statement.setLong(1, userId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
        } else {
            ids.add(home);
        }
        return new SchoolScope(ids, ids.size() >= schools);
    }

    /** Makes the user one school's. */
    public void placeInSchool(long userId, long schoolId) {
        database.inTransaction(connection -> {
            clearTrustSchools(connection, userId);
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE users SET school_id = ?, trust_level = 0 WHERE id = ?")) {
                statement.setLong(1, schoolId);
                statement.setLong(2, userId);
                return statement.executeUpdate();
            }
        });
    }

    /** Makes the user trust-level, working for these schools (their own school stays as it was). */
    public void placeAtTrustLevel(long userId, Collection<Long> schoolIds) {
        database.inTransaction(connection -> {
            clearTrustSchools(connection, userId);
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE users SET trust_level = 1 WHERE id = ?")) {
                statement.setLong(1, userId);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO user_schools (user_id, school_id) VALUES (?, ?)")) {
                for (long schoolId : Set.copyOf(schoolIds)) {
                    statement.setLong(1, userId);
                    statement.setLong(2, schoolId);
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void clearTrustSchools(Connection connection, long userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM user_schools WHERE user_id = ?")) {
            statement.setLong(1, userId);
            statement.executeUpdate();
        }
    }

    /** The school a capture belongs to, if the capture exists (for a refusal's audit row). */
    public Optional<Long> schoolOfCapture(long captureId) {
        return one("SELECT school_id FROM captures WHERE id = ?", captureId);
    }

    public Optional<Long> schoolOfDevice(String deviceId) {
        return one("SELECT school_id FROM devices WHERE id = ?", deviceId);
    }

    /** The school of each of the scope's devices, by device id. */
    public Map<String, Long> schoolsOfDevices(SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, school_id FROM devices WHERE 1 = 1" + scope.condition("school_id"))) {
                int index = 1;
                for (Object value : scope.values()) {
                    statement.setObject(index++, value);
                }
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** The schools whose captures or pupils name this login (lower-cased, as pupils' logins are). */
    public Set<Long> schoolsOfLogin(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT school_id FROM pupils WHERE login = lower(?)"
                            + " UNION SELECT school_id FROM captures WHERE lower(os_user) = lower(?)")) {
                statement.setString(1, login);
                statement.setString(2, login);
                Set<Long> out = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    private Optional<Long> one(String sql, Object key) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
                }
            }
        });
    }
}
