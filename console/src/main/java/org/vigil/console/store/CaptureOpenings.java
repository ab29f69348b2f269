package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a DSL has opened a capture (V14 {@code first_opened_at}), which is what stops its escalation; and the
 * severity-5 captures nobody has opened yet, through a partial index.
 */
public final class CaptureOpenings {
    private final Database database;
    private final Clock clock;

    public CaptureOpenings(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Marks the capture opened now, unless it already was (in the transaction open on this thread). */
    public void opened(long captureId) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE captures SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL")) {
                statement.setLong(1, clock.millis());
                statement.setLong(2, captureId);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * The school's severity-5 captures not opened by anyone and stored at or before {@code storedBy}, newest first:
     * if there are more than the limit, the most recent (most likely still actionable) are never starved by old ones.
     */
    public List<Unopened> unopenedSevere(Instant storedBy, long schoolId, int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, received_at FROM captures WHERE severity = 5 AND first_opened_at IS NULL"
                            + " AND received_at <= ? AND school_id = ? ORDER BY received_at DESC, id DESC LIMIT ?")) {
                statement.setLong(1, storedBy.toEpochMilli());
                statement.setLong(2, schoolId);
                statement.setInt(3, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Unopened> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new Unopened(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2))));
                    }
                    return out;
                }
            }
        });
    }

    /** A severity-5 capture that no one has opened, and when it was stored. */
    public record Unopened(long captureId, Instant storedAt) {
    }
}
