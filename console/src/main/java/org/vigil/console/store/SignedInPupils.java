package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pupil is signed in on each device: the login the device's agent last reported ({@code devices.os_user})
 * matched to a pupil through {@code pupil_logins} (their directory login or one a DSL linked), as captures are
 * (ADR 0156). Revoked devices, leavers and logins that are no pupil's are left out.
 */
public final class SignedInPupils {
    private final Database database;

    public SignedInPupils(Database database) {
        this.database = database;
    }

    /** Every device a pupil is signed in on now, with its group and the pupil's directory login. */
    public List<DeviceOfPupil> devices() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT d.id, d.policy_group, p.login FROM devices d"
                            + " JOIN pupil_logins l ON l.login = lower(d.os_user)"
                            + " JOIN pupils p ON p.id = l.pupil_id"
                            + " WHERE d.revoked_at IS NULL AND p.left_at IS NULL ORDER BY d.id");
                 ResultSet rows = statement.executeQuery()) {
                List<DeviceOfPupil> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new DeviceOfPupil(rows.getString(1), Optional.ofNullable(rows.getString(2)),
                            rows.getString(3)));
                }
                return out;
            }
        });
    }

    /** A device, the group it is in (if any), and the directory login of the pupil signed in on it. */
    public record DeviceOfPupil(String deviceId, Optional<String> group, String pupilLogin) {
    }
}
