package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Console users. */
public final class UserRepository {
    private static final String COLUMNS =
            "id, username, password_hash, role, disabled, is_admin, must_change_password, email";

    private final Database database;
    private final Clock clock;

    public UserRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public long count() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM users");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Creates the user unless one with that name exists; returns whether it was created. */
    public boolean createIfAbsent(String username, String passwordHash, String role, boolean admin,
                                  boolean mustChangePassword, Optional<String> email) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO users (username, password_hash, role, created_at, is_admin, must_change_password,"
                            + " email) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                statement.setString(1, username);
                statement.setString(2, passwordHash);
                statement.setString(3, role);
                statement.setLong(4, clock.millis());
                statement.setInt(5, admin ? 1 : 0);
                statement.setInt(6, mustChangePassword ? 1 : 0);
                statement.setString(7, email.orElse(null));
                return statement.executeUpdate() == 1;
            }
        });
    }

    public Optional<StoredUser> findByUsername(String username) {
        return findOne("SELECT " + COLUMNS + " FROM users WHERE username = ?", username);
    }

    public Optional<StoredUser> findById(long id) {
        return findOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
    }

    /** Everyone, by name. */
    public List<StoredUser> list() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM users ORDER BY username");
                 ResultSet rows = statement.executeQuery()) {
                List<StoredUser> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(toUser(rows));
                }
                return out;
            }
        });
    }

    /** Users who can be assigned captures: enabled DSLs. */
    public List<StoredUser> listEnabledWithRole(String role) {
        return list().stream().filter(u -> u.role().equals(role) && !u.disabled()).toList();
    }

    /** Sets a new password hash and whether it must be changed at the next sign-in. */
    public void setPassword(long id, String passwordHash, boolean mustChangePassword) {
        update("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?",
                passwordHash, mustChangePassword ? 1 : 0, id);
    }

    /** Sets the user's email address, or clears it when empty. */
    public void setEmail(long id, Optional<String> email) {
        update("UPDATE users SET email = ? WHERE id = ?", email.orElse(null), id);
    }

    public void setDisabled(long id, boolean disabled) {
        update("UPDATE users SET disabled = ? WHERE id = ?", disabled ? 1 : 0, id);
    }

    private void update(String sql, Object... args) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private Optional<StoredUser> findOne(String sql, Object key) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
                }
            }
        });
    }

    private static StoredUser toUser(ResultSet rows) throws SQLException {
        return new StoredUser(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getInt(5) != 0, rows.getInt(6) != 0, rows.getInt(7) != 0, Optional.ofNullable(rows.getString(8)));
    }
}
