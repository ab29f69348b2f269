package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' TOTP secrets, the last time step each accepted (a code is never accepted twice), and their recovery codes,
 * stored as SHA-256 hashes and each usable once.
 */
public final class TwoFactorRepository {
    private final Database database;

    public TwoFactorRepository(Database database) {
        this.database = database;
    }

    public Optional<String> secret(long userId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT totp_secret FROM users WHERE id = ?")) {
                statement.setLong(1, userId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Turns two-factor sign-in on for the user with this secret and these recovery codes (replacing any old ones). */
    public void enrol(long userId, String secret, long acceptedStep, List<String> recoveryCodeHashes) {
        database.inTransaction(connection -> {
            try (PreparedStatement user = connection.prepareStatement(
                    "UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ?");
                 PreparedStatement clear = connection.prepareStatement("DELETE FROM recovery_codes WHERE user_id = ?");
                 PreparedStatement code = connection.prepareStatement(
                         "INSERT INTO recovery_codes (user_id, code_sha256) VALUES (?, ?)")) {
                user.setString(1, secret);
                user.setLong(2, acceptedStep);
                user.setLong(3, userId);
                user.executeUpdate();
                clear.setLong(1, userId);
                clear.executeUpdate();
                for (String hash : recoveryCodeHashes) {
                    code.setLong(1, userId);
                    code.setString(2, hash);
                    code.executeUpdate();
                }
                return null;
            }
        });
    }

    /** Records the step as used if it is later than every step accepted before; returns whether it was. */
    public boolean acceptStep(long userId, long step) {
        return update("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL"
                + " AND (totp_last_step IS NULL OR totp_last_step < ?)", step, userId, step) == 1;
    }

    /** Marks the recovery code used if it is the user's and unused; returns whether it was. */
    public boolean useRecoveryCode(long userId, String codeSha256, Instant at) {
        return update("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_sha256 = ? AND used_at IS NULL",
                at.toEpochMilli(), userId, codeSha256) == 1;
    }

    public long unusedRecoveryCodes(long userId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL")) {
                statement.setLong(1, userId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Turns two-factor sign-in off for the user: secret, last step and recovery codes gone. */
    public void reset(long userId) {
        update("UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = ?", userId);
        update("DELETE FROM recovery_codes WHERE user_id = ?", userId);
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
}
