package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The sign-in notices devices showed (V21), for the school's records: appended, never changed. */
public final class NoticeShownRepository {
    private final Database database;
    private final Clock clock;

    public NoticeShownRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records one showing, dated now as the console's time of hearing it. */
    public void record(String deviceId, Instant shownAt, String osUser, String shownAs) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO notices_shown (device_id, shown_at, os_user, shown_as, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, deviceId);
                statement.setLong(2, shownAt.toEpochMilli());
                statement.setString(3, osUser);
                statement.setString(4, shownAs);
                statement.setLong(5, clock.millis());
                return statement.executeUpdate();
            }
        });
    }

    /** The latest showing of each device that has shown the notice, by the device's own time of showing. */
    public Map<String, NoticeShown> latestPerDevice() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT device_id, shown_at, os_user, shown_as, recorded_at FROM notices_shown n"
                            + " WHERE id = (SELECT id FROM notices_shown m WHERE m.device_id = n.device_id"
                            + " ORDER BY shown_at DESC, id DESC LIMIT 1)");
                 ResultSet rows = statement.executeQuery()) {
                Map<String, NoticeShown> out = new HashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), new NoticeShown(rows.getString(1),
                            Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3), rows.getString(4),
                            Instant.ofEpochMilli(rows.getLong(5))));
                }
                return out;
            }
        });
    }
}
