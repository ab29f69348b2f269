package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the IT check remembers (V15): the problems it found with each device and whether IT was told, the spool drop
 * counts IT was last told of, and the batches of IT emails it queued. Each call joins the transaction open on this
 * thread, so a round's findings, its email and what it marks as reported commit together.
 */
public final class DeviceProblemRepository {
    private final Database database;

    public DeviceProblemRepository(Database database) {
        this.database = database;
    }

    public List<OpenProblem> open() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT device_id, problem, since, reported_at FROM device_problems ORDER BY device_id, problem");
                 ResultSet rows = statement.executeQuery()) {
                List<OpenProblem> out = new ArrayList<>();
                while (rows.next()) {
                    long reported = rows.getLong(4);
                    Optional<Instant> reportedAt = rows.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(reported));
                    out.add(new OpenProblem(rows.getString(1), DeviceProblem.valueOf(rows.getString(2)),
                            Instant.ofEpochMilli(rows.getLong(3)), reportedAt));
                }
                return out;
            }
        });
    }

    /** Records a problem found now; one already open keeps its own {@code since}. */
    public void found(String deviceId, DeviceProblem problem, Instant since) {
        update("INSERT INTO device_problems (device_id, problem, since) VALUES (?, ?, ?)"
                + " ON CONFLICT (device_id, problem) DO NOTHING", deviceId, problem.name(), since.toEpochMilli());
    }

    /** The problem is over (or, for spool drops, told): a new one later is new. */
    public void resolved(String deviceId, DeviceProblem problem) {
        update("DELETE FROM device_problems WHERE device_id = ? AND problem = ?", deviceId, problem.name());
    }

    public void reported(String deviceId, DeviceProblem problem, Instant at) {
        update("UPDATE device_problems SET reported_at = ? WHERE device_id = ? AND problem = ?", at.toEpochMilli(),
                deviceId, problem.name());
    }

    /** The drop counts each device's IT email last named (devices never named are absent). */
    public Map<String, ReportedDrops> reportedDrops() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, screenshots_drops_reported, events_drops_reported FROM devices"
                            + " WHERE screenshots_drops_reported <> 0 OR events_drops_reported <> 0");
                 ResultSet rows = statement.executeQuery()) {
                Map<String, ReportedDrops> out = new HashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), new ReportedDrops(rows.getLong(2), rows.getLong(3)));
                }
                return out;
            }
        });
    }

    public void dropsReported(String deviceId, ReportedDrops drops) {
        update("UPDATE devices SET screenshots_drops_reported = ?, events_drops_reported = ? WHERE id = ?",
                drops.screenshots(), drops.events(), deviceId);
    }

    /** When the last IT email batch was queued, if ever. */
    public Optional<Instant> lastBatch() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT max(queued_at) FROM it_alert_batches");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                long at = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
            }
        });
    }

    /** @return false if a batch with this key was queued already (nothing is recorded) */
    public boolean batchQueued(String dedupeKey, Instant at, int problems) {
        return update("INSERT INTO it_alert_batches (dedupe_key, queued_at, problems) VALUES (?, ?, ?)"
                + " ON CONFLICT (dedupe_key) DO NOTHING", dedupeKey, at.toEpochMilli(), problems) == 1;
    }

    private int update(String sql, Object... args) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                return statement.executeUpdate();
            }
        });
    }
}
