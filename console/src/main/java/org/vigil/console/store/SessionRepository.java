package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Web sessions, keyed by the SHA-256 of their token (the token is never stored). A session is found together with
 * its user's current name, role and flags; a disabled user's sessions are not found.
 */
public final class SessionRepository {
    private final Database database;

    public SessionRepository(Database database) {
        this.database = database;
    }

    public void insert(String tokenSha256, long userId, String csrfToken, boolean mustChangePassword,
                       Instant createdAt) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO web_sessions (token_sha256, user_id, csrf_token, must_change_password, created_at,"
                            + " last_used_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, tokenSha256);
                statement.setLong(2, userId);
                statement.setString(3, csrfToken);
                statement.setInt(4, mustChangePassword ? 1 : 0);
                statement.setLong(5, createdAt.toEpochMilli());
                statement.setLong(6, createdAt.toEpochMilli());
                return statement.executeUpdate();
            }
        });
    }

    /** The session with that token hash, if its user exists and is enabled. */
    public Optional<StoredSession> find(String tokenSha256) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT s.user_id, u.username, u.role, u.is_admin, s.must_change_password, s.csrf_token,"
                            + " s.created_at, s.last_used_at, u.totp_secret IS NOT NULL, s.second_factor_at IS NOT NULL,"
                            + " u.school_id, u.trust_level, (SELECT count(*) FROM schools)"
                            + " FROM web_sessions s JOIN users u ON u.id = s.user_id"
                            + " WHERE s.token_sha256 = ? AND u.disabled = 0")) {
                statement.setString(1, tokenSha256);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long userId = rows.getLong(1);
                    // a comparison is an integer to SQLite and a boolean to PostgreSQL: getBoolean reads both
                    StoredSession found = new StoredSession(userId, rows.getString(2), rows.getString(3),
                            rows.getInt(4) != 0, rows.getInt(5) != 0, rows.getString(6),
                            Instant.ofEpochMilli(rows.getLong(7)), Instant.ofEpochMilli(rows.getLong(8)),
                            rows.getBoolean(9), rows.getBoolean(10), SchoolScope.ONE_SCHOOL_CONSOLE);
                    long home = rows.getLong(11);
                    boolean trust = rows.getInt(12) != 0;
                    long schools = rows.getLong(13);
                    rows.close();
                    // the user's schools as they are now, read with the session like the role (ADR 0176)
                    return Optional.of(found.withScope(SchoolRepository.scope(connection, userId, home, trust,
                            found.admin(), schools)));
                }
            }
        });
    }

    public void touch(String tokenSha256, Instant usedAt) {
        update("UPDATE web_sessions SET last_used_at = ? WHERE token_sha256 = ? AND last_used_at < ?",
                usedAt.toEpochMilli(), tokenSha256, usedAt.toEpochMilli());
    }

    public void passwordChanged(String tokenSha256) {
        update("UPDATE web_sessions SET must_change_password = 0 WHERE token_sha256 = ?", tokenSha256);
    }

    public void secondFactorPassed(String tokenSha256, Instant at) {
        update("UPDATE web_sessions SET second_factor_at = ?, pending_totp_secret = NULL WHERE token_sha256 = ?",
                at.toEpochMilli(), tokenSha256);
    }

    public Optional<String> pendingTotpSecret(String tokenSha256) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT pending_totp_secret FROM web_sessions WHERE token_sha256 = ?")) {
                statement.setString(1, tokenSha256);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void setPendingTotpSecret(String tokenSha256, String secret) {
        update("UPDATE web_sessions SET pending_totp_secret = ? WHERE token_sha256 = ?", secret, tokenSha256);
    }

    public void delete(String tokenSha256) {
        update("DELETE FROM web_sessions WHERE token_sha256 = ?", tokenSha256);
    }

    public int deleteAllOf(long userId) {
        return update("DELETE FROM web_sessions WHERE user_id = ?", userId);
    }

    public int deleteOthersOf(long userId, String keepSha256) {
        return update("DELETE FROM web_sessions WHERE user_id = ? AND token_sha256 <> ?", userId, keepSha256);
    }

    /** Deletes sessions created before {@code createdBefore} or unused since before {@code usedBefore}. */
    public int deleteExpired(Instant createdBefore, Instant usedBefore) {
        return update("DELETE FROM web_sessions WHERE created_at <= ? OR last_used_at < ?",
                createdBefore.toEpochMilli(), usedBefore.toEpochMilli());
    }

    private int update(String sql, Object... args) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** A stored session with its user as they are now. */
    public record StoredSession(long userId, String username, String role, boolean admin,
                                boolean mustChangePassword, String csrfToken, Instant createdAt,
                                Instant lastUsedAt, boolean twoFactorEnrolled, boolean secondFactorPassed,
                                SchoolScope scope) {
        StoredSession withScope(SchoolScope newScope) {
            return new StoredSession(userId, username, role, admin, mustChangePassword, csrfToken, createdAt,
                    lastUsedAt, twoFactorEnrolled, secondFactorPassed, newScope);
        }
    }
}
