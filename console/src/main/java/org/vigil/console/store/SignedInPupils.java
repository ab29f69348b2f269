package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pupil is signed in on each device: the login the device's agent last reported ({@code devices.os_user})
 * matched to a pupil of the device's school through {@code pupil_logins} (their directory login or one a DSL
 * linked), as captures are (ADR 0156, 0205). Revoked devices, leavers and logins that are no pupil's are left out.
 */
public final class SignedInPupils {
    private final Database database;

    public SignedInPupils(Database database) {
        this.database = database;
    }

    /** Every device of the school a pupil is signed in on now, with its group and the pupil's directory login. */
    public List<DeviceOfPupil> devices(long schoolId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT d.id, d.policy_group, p.login FROM devices d"
                            + " JOIN pupil_logins l ON l.school_id = d.school_id AND l.login = lower(d.os_user)"
                            + " JOIN pupils p ON p.id = l.pupil_id"
                            + " WHERE d.school_id = ? AND d.revoked_at IS NULL AND p.left_at IS NULL ORDER BY d.id")) {
                statement.setLong(1, schoolId);
                List<DeviceOfPupil> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new DeviceOfPupil(rows.getString(1), Optional.ofNullable(rows.getString(2)),
                                rows.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /** A device, the group it is in (if any), and the directory login of the pupil signed in on it. */
    public record DeviceOfPupil(String deviceId, Optional<String> group, String pupilLogin) {
    }
}
