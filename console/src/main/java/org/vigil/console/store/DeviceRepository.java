package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Enrolled devices. */
public final class DeviceRepository {
    /** Devices whose reports one transaction records (a heartbeat flush of more is split). */
    static final int REPORTS_PER_TRANSACTION = 100;
    private final Database database;
    private final Clock clock;

    public DeviceRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void insert(NewDevice device) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user, enrolment_token_id,"
                            + " enrolled_at, policy_group, school_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                            + " (SELECT policy_group FROM enrolment_tokens WHERE id = ?),"
                            + " (SELECT school_id FROM enrolment_tokens WHERE id = ?))")) {
                statement.setString(1, device.id());
                statement.setString(2, device.secretSha256());
                statement.setString(3, device.hostname());
                statement.setString(4, device.os());
                statement.setString(5, device.agentVersion());
                statement.setString(6, device.osUser());
                statement.setLong(7, device.enrolmentTokenId());
                statement.setLong(8, clock.millis());
                statement.setLong(9, device.enrolmentTokenId());
                statement.setLong(10, device.enrolmentTokenId());
                return statement.executeUpdate();
            }
        });
    }

    public Optional<DeviceCredentials> findCredentials(String deviceId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, secret_sha256, revoked_at FROM devices WHERE id = ?")) {
                statement.setString(1, deviceId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    rows.getLong(3);
                    boolean revoked = !rows.wasNull();
                    return Optional.of(new DeviceCredentials(rows.getString(1), rows.getString(2), revoked));
                }
            }
        });
    }

    /**
     * Records a Hello or heartbeat: the device is alive, and what it says about itself and its spool.
     *
     * @return false if the device is revoked (or unknown): nothing is recorded and its stream must end
     */
    public boolean recordReport(String deviceId, DeviceReport report) {
        return recordReports(Map.of(deviceId, report)).isEmpty();
    }

    /**
     * Records many devices' reports, in transactions of at most {@link #REPORTS_PER_TRANSACTION} devices. One
     * transaction for a whole flush lost, on PostgreSQL, to the other instances' flushes (SERIALIZABLE: their updates
     * of other devices' rows share index and heap pages, which SSI counts as a dependency), ran again whole, failed,
     * and left the next flush bigger still: measured by {@code bench fleet}, one of two instances stopped recording
     * heartbeats at all. Short transactions keep a conflict's cost to one small retry.
     *
     * @return the devices that are revoked (or unknown): nothing is recorded for them and their streams must end
     */
    public Set<String> recordReports(Map<String, DeviceReport> reports) {
        List<Map.Entry<String, DeviceReport>> all = new ArrayList<>(reports.entrySet());
        Set<String> refused = new HashSet<>();
        for (int from = 0; from < all.size(); from += REPORTS_PER_TRANSACTION) {
            List<Map.Entry<String, DeviceReport>> part = all.subList(from,
                    Math.min(all.size(), from + REPORTS_PER_TRANSACTION));
            refused.addAll(database.inTransaction(connection -> recordReports(connection, part)));
        }
        return refused;
    }

    private Set<String> recordReports(Connection connection, List<Map.Entry<String, DeviceReport>> reports)
            throws SQLException {
        Set<String> refused = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE devices SET last_seen_at = ?,"
                        + " agent_version = coalesce(nullif(?, ''), agent_version),"
                        + " os = coalesce(nullif(?, ''), os),"
                        + " os_user = coalesce(nullif(?, ''), os_user),"
                        + " spool_depth = ?, screenshots_dropped = ?, events_dropped = ?,"
                        + " policy_version = coalesce(nullif(?, ''), policy_version),"
                        + " hook_registered = CASE WHEN ? THEN ? ELSE hook_registered END,"
                        + " last_signal_at = CASE WHEN ? THEN ? ELSE last_signal_at END,"
                        + " dead_workers = CASE WHEN ? THEN ? ELSE dead_workers END,"
                        + " stopped_at = NULL, stop_reason = NULL"
                        + " WHERE id = ? AND revoked_at IS NULL")) {
            for (Map.Entry<String, DeviceReport> entry : reports) {
                DeviceReport report = entry.getValue();
                statement.setLong(1, clock.millis());
                statement.setString(2, report.agentVersion());
                statement.setString(3, report.os());
                statement.setString(4, report.osUser());
                statement.setLong(5, report.spoolDepth());
                statement.setLong(6, report.screenshotsDropped());
                statement.setLong(7, report.eventsDropped());
                statement.setString(8, report.policyVersion());
                setMonitoring(statement, 9, report.monitoring());
                statement.setString(15, entry.getKey());
                if (statement.executeUpdate() != 1) {
                    refused.add(entry.getKey());
                }
            }
        }
        return refused;
    }

    /** Parameters {@code first} to {@code first + 5}: said or not, then each column's value (NULL if not said). */
    private static void setMonitoring(PreparedStatement statement, int first, Optional<DeviceMonitoring> monitoring)
            throws SQLException {
        boolean said = monitoring.isPresent();
        statement.setBoolean(first, said);
        statement.setObject(first + 1, monitoring.map(m -> m.hookRegistered() ? 1 : 0).orElse(null), Types.INTEGER);
        statement.setBoolean(first + 2, said);
        statement.setObject(first + 3, monitoring.flatMap(DeviceMonitoring::lastSignalAt).map(Instant::toEpochMilli)
                .orElse(null), Types.BIGINT);
        statement.setBoolean(first + 4, said);
        statement.setString(first + 5, monitoring.map(m -> String.join("\n", m.deadWorkers())).orElse(null));
    }

    /**
     * Records that the device's agent is stopping on purpose, and why: until it is heard from again it is stopped
     * cleanly, not silent.
     *
     * @return false if the device is revoked (or unknown): nothing is recorded
     */
    public boolean recordStop(String deviceId, String reason) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE devices SET last_seen_at = ?, stopped_at = ?, stop_reason = ?"
                            + " WHERE id = ? AND revoked_at IS NULL")) {
                long now = clock.millis();
                statement.setLong(1, now);
                statement.setLong(2, now);
                statement.setString(3, reason);
                statement.setString(4, deviceId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** Counts an event the console refused for good. */
    public void countRejected(String deviceId) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE devices SET events_rejected = events_rejected + 1 WHERE id = ?")) {
                statement.setString(1, deviceId);
                return statement.executeUpdate();
            }
        });
    }

    /** Revokes the device: its credentials stop working at once. False if it is unknown or already revoked. */
    public boolean revoke(String deviceId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                statement.setLong(1, clock.millis());
                statement.setString(2, deviceId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** Which of these devices are revoked (or unknown). One indexed query, whatever the number of devices. */
    public Set<String> revokedAmong(Collection<String> deviceIds) {
        Set<String> out = new HashSet<>(deviceIds);
        if (deviceIds.isEmpty()) {
            return out;
        }
        Set<String> active = database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM devices WHERE revoked_at IS NULL");
                 ResultSet rows = statement.executeQuery()) {
                Set<String> ids = new HashSet<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        });
        out.removeAll(active);
        return out;
    }

    /** The group a device belongs to, if any. */
    public Optional<String> groupOf(String deviceId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT policy_group FROM devices WHERE id = ?")) {
                statement.setString(1, deviceId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** A device's school and group (empty if there is no such device). */
    public Optional<DevicePlacement> placementOf(String deviceId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT school_id, policy_group FROM devices WHERE id = ?")) {
                statement.setString(1, deviceId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new DevicePlacement(rows.getLong(1),
                            Optional.ofNullable(rows.getString(2)))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Every device that is in a group or not of the first school, with its school and group: one query however many
     * devices are connected. A device not named is {@link DevicePlacement#DEFAULT}.
     */
    public Map<String, DevicePlacement> placements() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, school_id, policy_group FROM devices WHERE policy_group IS NOT NULL"
                            + " OR school_id <> " + School.FIRST);
                 ResultSet rows = statement.executeQuery()) {
                Map<String, DevicePlacement> out = new HashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), new DevicePlacement(rows.getLong(2),
                            Optional.ofNullable(rows.getString(3))));
                }
                return out;
            }
        });
    }

    /**
     * Puts a device in a group, or in none.
     *
     * @return the group it was in before, or empty if there is no such device
     */
    public Optional<Optional<String>> moveToGroup(String deviceId, Optional<String> group) {
        return database.inTransaction(connection -> {
            Optional<String> before;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT policy_group FROM devices WHERE id = ?")) {
                select.setString(1, deviceId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    before = Optional.ofNullable(rows.getString(1));
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET policy_group = ? WHERE id = ?")) {
                update.setString(1, group.orElse(null));
                update.setString(2, deviceId);
                update.executeUpdate();
            }
            return Optional.of(before);
        });
    }

    /**
     * Moves a device to another school, out of any group (ADR 0198). Its captures keep the school that recorded
     * them; captures it sends from now on take the new one (the capture's insert reads the device's school).
     *
     * @return where it was before, or empty if there is no such device
     */
    public Optional<DevicePlace> moveToSchool(String deviceId, long schoolId) {
        return database.inTransaction(connection -> {
            DevicePlace before;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT school_id, policy_group FROM devices WHERE id = ?")) {
                select.setString(1, deviceId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    before = new DevicePlace(rows.getLong(1), Optional.ofNullable(rows.getString(2)));
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET school_id = ?, policy_group = NULL WHERE id = ?")) {
                update.setLong(1, schoolId);
                update.setString(2, deviceId);
                update.executeUpdate();
            }
            return Optional.of(before);
        });
    }

    /** Every device, most recently enrolled first, with its capture count. */
    public List<DeviceSummary> list() {
        return list(SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /** The scope's schools' devices, most recently enrolled first, with their capture counts. */
    public List<DeviceSummary> list(SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT d.id, d.hostname, d.os, d.agent_version, d.os_user, d.enrolled_at, d.last_seen_at,"
                            + " d.revoked_at, d.spool_depth, d.screenshots_dropped, d.events_dropped,"
                            + " d.events_rejected, (SELECT count(*) FROM captures c WHERE c.device_id = d.id),"
                            + " d.policy_version, d.policy_group, d.hook_registered, d.last_signal_at, d.dead_workers,"
                            + " d.stopped_at, d.stop_reason"
                            + " FROM devices d WHERE 1 = 1" + scope.condition("d.school_id")
                            + " ORDER BY d.enrolled_at DESC, d.id")) {
                int index = 1;
                for (Object value : scope.values()) {
                    statement.setObject(index++, value);
                }
                ResultSet rows = statement.executeQuery();
                List<DeviceSummary> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new DeviceSummary(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                            instant(rows, 7), instant(rows, 8), Optional.ofNullable((Long) number(rows, 9)),
                            rows.getLong(10), rows.getLong(11), rows.getLong(12), rows.getLong(13),
                            Optional.ofNullable(rows.getString(14)), Optional.ofNullable(rows.getString(15)),
                            monitoring(rows, 16), cleanStop(rows, 19)));
                }
                rows.close();
                return out;
            }
        });
    }

    /** Columns {@code first} to {@code first + 2}: hook registered, last signal, dead workers; empty if never said. */
    private static Optional<DeviceMonitoring> monitoring(ResultSet rows, int first) throws SQLException {
        Long hook = number(rows, first);
        if (hook == null) {
            return Optional.empty();
        }
        String dead = Optional.ofNullable(rows.getString(first + 2)).orElse("");
        return Optional.of(new DeviceMonitoring(hook != 0, instant(rows, first + 1),
                dead.isEmpty() ? List.of() : List.of(dead.split("\n"))));
    }

    /** Columns {@code first} and {@code first + 1}: when the agent said it was stopping, and why. */
    private static Optional<CleanStop> cleanStop(ResultSet rows, int first) throws SQLException {
        Optional<Instant> at = instant(rows, first);
        String reason = Optional.ofNullable(rows.getString(first + 1)).orElse("");
        return at.map(time -> new CleanStop(time, reason));
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        Long millis = number(rows, column);
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static Long number(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
