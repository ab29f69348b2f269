package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * Which console instance holds each device's live stream (V38, ADR 0173): taking it moves the row to the instance and
 * raises its generation, in one statement, so of two instances that take one device's stream at once the later
 * commit has the higher generation and the other knows its own stream is the older.
 */
public final class DeviceStreamRepository {
    private final Database database;
    private final Clock clock;

    public DeviceStreamRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Makes the instance the holder of the device's stream; returns the new generation (1 for the first take). */
    public long take(String deviceId, String instanceId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO device_streams (device_id, instance_id, generation, taken_at) VALUES (?, ?, 1, ?)"
                            + " ON CONFLICT (device_id) DO UPDATE SET instance_id = excluded.instance_id,"
                            + " generation = device_streams.generation + 1, taken_at = excluded.taken_at"
                            + " RETURNING generation")) {
                statement.setString(1, deviceId);
                statement.setString(2, instanceId);
                statement.setLong(3, clock.millis());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
