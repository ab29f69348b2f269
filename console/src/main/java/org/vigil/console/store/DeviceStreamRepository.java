package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which console instance holds each device's live stream (V38, ADR 0173): taking it moves the row to the instance and
 * raises its generation, in one statement, so of two instances that take one device's stream at once the later
 * commit has the higher generation and the other knows its own stream is the older. Takes come in batches (ADR
 * 0208): many devices in one transaction, {@link #ROWS_PER_STATEMENT} to a multi-row upsert.
 */
public final class DeviceStreamRepository {
    /** Devices in one upsert: 3 parameters each, far inside both databases' limits. */
    static final int ROWS_PER_STATEMENT = 128;

    private final Database database;
    private final Clock clock;

    public DeviceStreamRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Makes the instance the holder of the device's stream; returns the new generation (1 for the first take). */
    public long take(String deviceId, String instanceId) {
        return takeAll(List.of(deviceId), instanceId).get(deviceId);
    }

    /**
     * Makes the instance the holder of each device's stream, all in one transaction; a device named twice is taken
     * once. Rows are taken in the order of their ids, so two instances taking overlapping batches wait for each
     * other rather than deadlock.
     *
     * @return each device's new generation
     */
    public Map<String, Long> takeAll(Collection<String> deviceIds, String instanceId) {
        List<String> devices = new ArrayList<>(new TreeSet<>(deviceIds));
        long now = clock.millis();
        return database.inTransaction(connection -> {
            Map<String, Long> generations = new HashMap<>();
            for (int from = 0; from < devices.size(); from += ROWS_PER_STATEMENT) {
                take(connection, devices.subList(from, Math.min(devices.size(), from + ROWS_PER_STATEMENT)),
                        instanceId, now, generations);
            }
            return generations;
        });
    }

    private static void take(Connection connection, List<String> devices, String instanceId, long now,
                             Map<String, Long> generations) throws SQLException {
        String values = String.join(", ", devices.stream().map(device -> "(?, ?, 1, ?)").toList());
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO device_streams (device_id, instance_id, generation, taken_at) VALUES " + values
                        + " ON CONFLICT (device_id) DO UPDATE SET instance_id = excluded.instance_id,"
                        + " generation = device_streams.generation + 1, taken_at = excluded.taken_at"
                        + " RETURNING device_id, generation")) {
            int index = 1;
            for (String device : devices) {
                statement.setString(index++, device);
                statement.setString(index++, instanceId);
                statement.setLong(index++, now);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    generations.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        if (!generations.keySet().containsAll(devices)) {
            throw new SQLException("the stream take returned no generation for some of its " + devices.size()
                    + " devices");
        }
    }
}
