package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The record of "delete now" requests and confirmations (V26); the deleting itself is {@link RetentionRepository}'s. */
public final class CaptureDeletionRepository {
    private final Database database;
    private final Clock clock;

    public CaptureDeletionRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records a request (confirmed at once when {@code confirmedBy} is given); returns its id. */
    public long record(long captureId, int severity, String category, String reason, String requestedBy,
                       Optional<String> confirmedBy) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO capture_deletions"
                    + " (capture_id, severity, category, reason, requested_by, requested_at, confirmed_by,"
                    + " confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                long now = clock.millis();
                statement.setLong(1, captureId);
                statement.setInt(2, severity);
                statement.setString(3, category);
                statement.setString(4, reason);
                statement.setString(5, requestedBy);
                statement.setLong(6, now);
                statement.setString(7, confirmedBy.orElse(null));
                statement.setObject(8, confirmedBy.isPresent() ? now : null);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** The request waiting for a second DSL on this capture, if any. */
    public Optional<DeletionRequest> pending(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, capture_id, reason,"
                    + " requested_by, requested_at FROM capture_deletions WHERE capture_id = ? AND confirmed_at IS NULL")) {
                statement.setLong(1, captureId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new DeletionRequest(rows.getLong(1), rows.getLong(2),
                            rows.getString(3), rows.getString(4), Instant.ofEpochMilli(rows.getLong(5))))
                            : Optional.<DeletionRequest>empty();
                }
            }
        });
    }

    /** Confirms a pending request by a second DSL; false if it was not pending. */
    public boolean confirm(long requestId, String confirmedBy) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE capture_deletions SET"
                    + " confirmed_by = ?, confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL")) {
                statement.setString(1, confirmedBy);
                statement.setLong(2, clock.millis());
                statement.setLong(3, requestId);
                return statement.executeUpdate() == 1;
            }
        });
    }
}
