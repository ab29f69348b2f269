package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Enrolment tokens, kept only as SHA-256 hashes (the tokens are 256-bit random). */
public final class EnrolmentTokenRepository {
    private final Database database;
    private final Clock clock;

    public EnrolmentTokenRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * How many devices a new token may enrol: a school's fleet, with room to spare, from one MDM config; a token
     * copied out of a config cannot enrol thousands of fake devices.
     */
    public static final int DEFAULT_MAX_DEVICES = 2000;

    /** Makes a fresh token valid for {@code validity} and returns it; only its hash is stored. */
    public String mint(Duration validity, String note) {
        return mintWithId(validity, note, Optional.empty(), School.FIRST).token();
    }

    /**
     * Makes a fresh token, with the id it is listed (and revoked) by; the devices it enrols join {@code group} (MDM
     * can deploy one config per year group) and belong to the school {@code schoolId} (ADR 0175).
     */
    public MintedToken mintWithId(Duration validity, String note, Optional<String> group, long schoolId) {
        String token = SecureRandomStrings.base64Url(32);
        long now = clock.millis();
        long id = database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO enrolment_tokens (token_sha256, created_at, expires_at, note, policy_group,"
                            + " max_devices, school_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                statement.setString(1, Hashes.sha256Hex(token));
                statement.setLong(2, now);
                statement.setLong(3, now + validity.toMillis());
                statement.setString(4, note);
                statement.setString(5, group.orElse(null));
                statement.setInt(6, DEFAULT_MAX_DEVICES);
                statement.setLong(7, schoolId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        return new MintedToken(id, token, Instant.ofEpochMilli(now + validity.toMillis()));
    }

    /**
     * Enrols a device with the token if it is usable ({@link #findUsable}), in one transaction with that check, so
     * devices enrolling at once cannot take more places than the token has (ADR 0170): SQLite runs one such
     * transaction at a time, PostgreSQL's SERIALIZABLE runs the loser again, which then finds the token used up.
     * {@code enrol} gets the token's id and stores the device; returns that id, or empty if the token is not usable.
     */
    public Optional<Long> enrolWith(String token, LongConsumer enrol) {
        return database.inTransaction(connection -> {
            Optional<Long> tokenId = findUsable(token);
            tokenId.ifPresent(enrol::accept);
            return tokenId;
        });
    }

    /** The id of the token if it exists, has not expired, is not revoked and has not enrolled its maximum. */
    public Optional<Long> findUsable(String token) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT t.id FROM enrolment_tokens t WHERE t.token_sha256 = ? AND t.expires_at > ?"
                            + " AND t.revoked_at IS NULL AND (t.max_devices IS NULL OR t.max_devices >"
                            + " (SELECT count(*) FROM devices d WHERE d.enrolment_token_id = t.id))")) {
                statement.setString(1, Hashes.sha256Hex(token));
                statement.setLong(2, clock.millis());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every token, newest first, with how many devices enrolled with it. */
    public List<TokenSummary> list() {
        return list(SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /** The scope's schools' tokens, newest first, with how many devices enrolled with each. */
    public List<TokenSummary> list(SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT t.id, t.created_at, t.expires_at, t.revoked_at, coalesce(t.note, ''),"
                            + " (SELECT count(*) FROM devices d WHERE d.enrolment_token_id = t.id), t.policy_group,"
                            + " t.school_id FROM enrolment_tokens t WHERE 1 = 1" + scope.condition("t.school_id")
                            + " ORDER BY t.id DESC")) {
                int index = 1;
                for (Object value : scope.values()) {
                    statement.setObject(index++, value);
                }
                ResultSet rows = statement.executeQuery();
                List<TokenSummary> out = new ArrayList<>();
                while (rows.next()) {
                    long revoked = rows.getLong(4);
                    Optional<Instant> revokedAt = rows.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(revoked));
                    out.add(new TokenSummary(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
                            Instant.ofEpochMilli(rows.getLong(3)), revokedAt, rows.getString(5), rows.getLong(6),
                            Optional.ofNullable(rows.getString(7)), rows.getLong(8)));
                }
                rows.close();
                return out;
            }
        });
    }

    /** Revokes the token: no further device can enrol with it. Devices already enrolled keep working. */
    public boolean revoke(long id) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE enrolment_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                statement.setLong(1, clock.millis());
                statement.setLong(2, id);
                return statement.executeUpdate() == 1;
            }
        });
    }
}
