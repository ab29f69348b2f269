package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/** Console users. */
public final class UserRepository {
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
    public boolean createIfAbsent(String username, String passwordHash, String role) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT OR IGNORE INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")) {
                statement.setString(1, username);
                statement.setString(2, passwordHash);
                statement.setString(3, role);
                statement.setLong(4, clock.millis());
                return statement.executeUpdate() == 1;
            }
        });
    }

    public Optional<StoredUser> findByUsername(String username) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, username, password_hash, role, disabled FROM users WHERE username = ?")) {
                statement.setString(1, username);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredUser(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5) != 0));
                }
            }
        });
    }
}
