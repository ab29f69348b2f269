package org.vigil.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/** The enrolled devices a benchmark's captures come from: {@code device-0000}… on hosts {@code lab-pc-000}…. */
final class BenchDevices {
    private BenchDevices() {
    }

    static void insert(Connection connection, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO devices (id, secret_sha256, hostname,"
                + " os, agent_version, os_user, enrolled_at) VALUES (?, 'x', ?, 'linux', 'bench', 'pupil', 0)")) {
            for (int d = 0; d < count; d++) {
                insert.setString(1, String.format(Locale.ROOT, "device-%04d", d));
                insert.setString(2, String.format(Locale.ROOT, "lab-pc-%03d", d));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
