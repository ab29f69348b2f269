package org.vigil.console.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The rows an alert needs to point at, for the alert outbox's store tests: DSL 7, device d1 and capture 42. */
final class OneAlertableCapture {
    static final long CAPTURE_ID = 42;
    static final long DSL_ID = 7;

    private OneAlertableCapture() {
    }

    static void seed(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (id, username, password_hash, role, created_at)"
                    + " VALUES (7, 'dsl1', 'x', 'DSL', 0)");
            statement.execute("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user,"
                    + " enrolled_at) VALUES ('d1', 'x', 'lab-01', 'linux', '1', 'pupil07', 0)");
            statement.execute("INSERT INTO captures (id, event_id, device_id, seq, occurred_at, received_at, os_user,"
                    + " window_title, app, category, severity, rule_id, matched_text, context, match_start,"
                    + " match_end, explanation) VALUES (42, 'e1', 'd1', 1, 0, 0, 'pupil07', 'w', 'a', 'suicide', 5,"
                    + " 'suicide.txt:1', 'kill myself', 'i want to kill myself', 10, 21, 'x')");
        }
    }
}
