package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.time.Clock;

/** The append-only record of who viewed or changed what. */
public final class AuditLog {
    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(String actor, String action, String target) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO audit_log (occurred_at, actor, action, target) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, clock.millis());
                statement.setString(2, actor);
                statement.setString(3, action);
                statement.setString(4, target);
                return statement.executeUpdate();
            }
        });
    }
}
