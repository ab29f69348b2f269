package org.vigil.bench.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's own connection to the cluster's PostgreSQL: seeds the simulated devices as enrolment would leave
 * them (one statement), and reads what the consoles recorded.
 */
final class FleetDatabase implements AutoCloseable {
    private final Connection connection;

    FleetDatabase(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * {@code count} devices {@code fleet-00000}…, enrolled with the newest enrolment token (the one the first
     * console's {@code agent-config} minted), each secret {@code key-N} stored as its SHA-256, as {@code Enroll}
     * stores it: the consoles authenticate them exactly as enrolled agents. Returns the seconds it took.
     */
    double seedDevices(int count, String key) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user, enrolment_token_id,"
                        + " enrolled_at, school_id)"
                        + " SELECT " + FleetAgents.ID_SQL + ", encode(sha256(convert_to(? || '-' || n, 'UTF8')), 'hex'),"
                        + " 'fleet-pc-' || n, 'Linux 6.1', 'fleet', 'pupil' || n, t.id, ?, t.school_id"
                        + " FROM generate_series(0, ? - 1) AS n,"
                        + " (SELECT id, school_id FROM enrolment_tokens ORDER BY id DESC LIMIT 1) AS t")) {
            insert.setString(1, key);
            insert.setLong(2, System.currentTimeMillis());
            insert.setInt(3, count);
            insert.executeUpdate();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The policy version in force, which the simulated agents name in their Hello (so none needs a push). */
    String currentPolicyVersion() throws SQLException {
        return text("SELECT version FROM policy_changes ORDER BY id DESC LIMIT 1");
    }

    /** Live streams by owning instance id (ADR 0173: one row per device with a stream). */
    Map<String, Long> streamsByInstance() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT instance_id, count(*) FROM device_streams GROUP BY instance_id ORDER BY instance_id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                out.put(rows.getString(1), rows.getLong(2));
            }
        }
        return out;
    }

    /** The instance that owns the stream of a device, or empty text. */
    String ownerOf(String deviceId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT instance_id FROM device_streams WHERE device_id = ?")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }

    /** Fleet devices whose last-seen time the consoles moved to {@code sinceMillis} or later. */
    long seenSince(long sinceMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM devices WHERE id LIKE 'fleet-%' AND last_seen_at >= ?")) {
            statement.setLong(1, sinceMillis);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The server processes of the whole cluster (backends, WAL writer, checkpointer…): the harness runs it on a
     * PostgreSQL of its own, so their CPU is the fleet's.
     */
    List<Long> serverPids() throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        }
        return pids;
    }

    private String text(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
