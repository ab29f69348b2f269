package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The captures a morning digest may list: what an alert may say of each, and when each was stored. */
public final class DigestCaptures {
    private final Database database;

    public DigestCaptures(Database database) {
        this.database = database;
    }

    /** The school's captures stored from {@code from} (inclusive) until {@code until} (exclusive), oldest first. */
    public List<Stored> storedBetween(Instant from, Instant until, long schoolId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT c.id, c.category, c.severity, c.occurred_at, c.os_user, d.hostname, c.received_at"
                            + " FROM captures c JOIN devices d ON d.id = c.device_id"
                            + " WHERE c.received_at >= ? AND c.received_at < ? AND c.school_id = ?"
                            + " ORDER BY c.received_at, c.id")) {
                statement.setLong(1, from.toEpochMilli());
                statement.setLong(2, until.toEpochMilli());
                statement.setLong(3, schoolId);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Stored> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new Stored(new CaptureFacts(rows.getLong(1), rows.getString(2), rows.getInt(3),
                                Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), rows.getString(6)),
                                Instant.ofEpochMilli(rows.getLong(7))));
                    }
                    return out;
                }
            }
        });
    }

    /** A capture's facts and when the console stored it. */
    public record Stored(CaptureFacts facts, Instant storedAt) {
    }
}
