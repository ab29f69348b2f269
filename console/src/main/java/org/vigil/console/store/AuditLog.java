package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only record of who viewed or changed what. There is no update or delete here, and triggers in the
 * schema refuse them from anywhere else.
 */
public final class AuditLog {
    private static final String COLUMNS = "id, occurred_at, actor, action, target, detail";

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(String actor, String action, String target) {
        record(actor, action, target, null);
    }

    /** Records an entry; {@code detail} (e.g. a justification) may be null. */
    public void record(String actor, String action, String target, String detail) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO audit_log (occurred_at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
                statement.setLong(1, clock.millis());
                statement.setString(2, actor);
                statement.setString(3, action);
                statement.setString(4, target);
                if (detail == null) {
                    statement.setNull(5, Types.VARCHAR);
                } else {
                    statement.setString(5, detail);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** Newest first: up to {@code limit} entries with ids below {@code beforeId} (Long.MAX_VALUE for the newest). */
    public List<AuditEntry> page(int limit, long beforeId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?")) {
                statement.setLong(1, beforeId);
                statement.setInt(2, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(toEntry(rows));
                    }
                }
                return out;
            }
        });
    }

    /** Every entry, oldest first, streamed to the consumer (for exports). */
    public void forEach(Consumer<AuditEntry> consumer) {
        database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(toEntry(rows));
                }
                return null;
            }
        });
    }

    private static AuditEntry toEntry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6));
    }

    /** One audit record; target and detail may be null. */
    public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String detail) {
    }
}
