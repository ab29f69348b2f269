package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Enrolment tokens, kept only as SHA-256 hashes (the tokens are 256-bit random). */
public final class EnrolmentTokenRepository {
    private final Database database;
    private final Clock clock;

    public EnrolmentTokenRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Makes a fresh token valid for {@code validity} and returns it; only its hash is stored. */
    public String mint(Duration validity, String note) {
        String token = SecureRandomStrings.base64Url(32);
        long now = clock.millis();
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO enrolment_tokens (token_sha256, created_at, expires_at, note) VALUES (?, ?, ?, ?)",
                    Statement.NO_GENERATED_KEYS)) {
                statement.setString(1, Hashes.sha256Hex(token));
                statement.setLong(2, now);
                statement.setLong(3, now + validity.toMillis());
                statement.setString(4, note);
                return statement.executeUpdate();
            }
        });
        return token;
    }

    /** The id of the token if it exists, has not expired and is not revoked. */
    public Optional<Long> findUsable(String token) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM enrolment_tokens WHERE token_sha256 = ? AND expires_at > ? AND revoked_at IS NULL")) {
                statement.setString(1, Hashes.sha256Hex(token));
                statement.setLong(2, clock.millis());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
                }
            }
        });
    }
}
