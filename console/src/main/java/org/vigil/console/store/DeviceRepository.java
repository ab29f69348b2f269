package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/** Enrolled devices. */
public final class DeviceRepository {
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
                            + " enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, device.id());
                statement.setString(2, device.secretSha256());
                statement.setString(3, device.hostname());
                statement.setString(4, device.os());
                statement.setString(5, device.agentVersion());
                statement.setString(6, device.osUser());
                statement.setLong(7, device.enrolmentTokenId());
                statement.setLong(8, clock.millis());
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

    /** Records a Hello: the device is alive and says what it runs. Empty values keep what is stored. */
    public void recordHello(String deviceId, String agentVersion, String os, String osUser) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE devices SET last_seen_at = ?,"
                            + " agent_version = coalesce(nullif(?, ''), agent_version),"
                            + " os = coalesce(nullif(?, ''), os),"
                            + " os_user = coalesce(nullif(?, ''), os_user)"
                            + " WHERE id = ?")) {
                statement.setLong(1, clock.millis());
                statement.setString(2, agentVersion);
                statement.setString(3, os);
                statement.setString(4, osUser);
                statement.setString(5, deviceId);
                return statement.executeUpdate();
            }
        });
    }

    public void touch(String deviceId) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE devices SET last_seen_at = ? WHERE id = ?")) {
                statement.setLong(1, clock.millis());
                statement.setString(2, deviceId);
                return statement.executeUpdate();
            }
        });
    }
}
