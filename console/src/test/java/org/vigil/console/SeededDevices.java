package org.vigil.console;

import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;

/**
 * Devices for the devices page: enrolled for real over gRPC, then given a name, and aged in the database as days
 * of silence would age them.
 */
final class SeededDevices {
    private final Console console;
    private final Path dataDir;
    private final GrpcTestClient client;

    SeededDevices(Console console, Path dataDir, GrpcTestClient client) {
        this.console = console;
        this.dataDir = dataDir;
        this.client = client;
    }

    /** A device that enrolled and never connected. */
    EnrollResponse enrolled(String hostname) {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        set(device.getDeviceId(), "hostname", hostname);
        return device;
    }

    /** A device that said this Hello on a stream it keeps open; returns once the console has recorded it. */
    DeviceStream connected(EnrollResponse device, Hello hello) throws Exception {
        DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(hello).build());
        waitUntil(Duration.ofSeconds(10), "the console records the Hello of " + device.getDeviceId(),
                () -> Db.text(dataDir, "SELECT last_seen_at FROM devices WHERE id = ?", device.getDeviceId()) != null);
        return stream;
    }

    /** Last heard from {@code ago}, running the policy version given. */
    void lastSeen(String deviceId, Duration ago, String policyVersion) {
        set(deviceId, "last_seen_at", Instant.now().minus(ago).toEpochMilli());
        set(deviceId, "policy_version", policyVersion);
    }

    void set(String deviceId, String column, Object value) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE devices SET " + column + " = ? WHERE id = ?")) {
            statement.setObject(1, value);
            statement.setString(2, deviceId);
            if (statement.executeUpdate() != 1) {
                throw new AssertionError("no device " + deviceId);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot set " + column, e);
        }
    }
}
