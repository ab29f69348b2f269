package org.vigil.console.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.vigil.console.AdminDsl;
import org.vigil.console.Phone;
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.store.Database;

/**
 * How long the console takes to serve the devices page over a real SQLite file of 2,000 devices (or
 * {@code -Ddevices=N}) with 100 captures each: active, silent, never connected, behind and revoked in a school's
 * proportions. Fills the database once (reused on later runs), starts the real console on it and prints p50/p95
 * server time ({@code Server-Timing}) and round trip. Run on demand: {@code console/bench/run-devices-benchmark.sh}.
 */
public final class DevicesBenchmark {
    private static final String PASSWORD = "benchmark passphrase";
    private static final int CAPTURES_PER_DEVICE = 100;

    private DevicesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("devices", 2_000);
        Path dataDir = Path.of(System.getProperty("dataDir", "target/bench-devices-" + count));
        Files.createDirectories(dataDir);
        long fillMillis = fillIfNeeded(dataDir, count);
        try (Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD))) {
            BenchBrowser browser = new BenchBrowser("http://127.0.0.1:" + console.httpPort());
            browser.signIn("admin", PASSWORD, Phone.freshCode(dataDir, AdminDsl.USERNAME));
            int bytes = browser.get("/devices").body().length();
            System.out.printf(Locale.ROOT, "devices: %,d, captures: %,d (fill: %s); /devices is %,d bytes%n", count,
                    count * CAPTURES_PER_DEVICE, fillMillis < 0 ? "reused" : fillMillis / 1000 + " s", bytes);
            System.out.println(BenchBrowser.HEADINGS);
            browser.measure("devices: all", "/devices");
            browser.measure("devices: silent", "/devices?show=silent");
            browser.measure("devices: behind", "/devices?show=behind");
            browser.measure("devices: revoked", "/devices?show=revoked");
            browser.measure("revoke confirmation (one device)", "/devices/bench-device-0042/revoke");
            browser.measure("enrolment tokens", "/devices/tokens");
        }
    }

    /** Fills the database through the console's own migrations; returns the time taken, or -1 if it was full. */
    private static long fillIfNeeded(Path dataDir, int count) throws SQLException {
        Database database = Database.open(dataDir.resolve("vigil.db"));
        try (Connection connection = database.connect()) {
            if (single(connection, "SELECT count(*) FROM devices") >= count) {
                return -1;
            }
            long started = System.currentTimeMillis();
            connection.setAutoCommit(false);
            insertDevices(connection, count);
            insertCaptures(connection, count);
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
            return System.currentTimeMillis() - started;
        }
    }

    /** Mostly active; some silent over a weekend or longer, some never connected, behind or revoked. */
    private static void insertDevices(Connection connection, int count) throws SQLException {
        Random random = new Random(7);
        long now = Instant.now().toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO devices (id, secret_sha256, hostname,"
                + " os, agent_version, os_user, enrolled_at, last_seen_at, revoked_at, spool_depth, screenshots_dropped,"
                + " events_dropped, events_rejected, policy_version) VALUES (?, 'x', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int d = 0; d < count; d++) {
                int kind = random.nextInt(100);
                insert.setString(1, String.format(Locale.ROOT, "bench-device-%04d", d));
                insert.setString(2, String.format(Locale.ROOT, "lab-pc-%04d", d));
                insert.setString(3, d % 3 == 0 ? "Windows 11" : d % 3 == 1 ? "macOS 14" : "Linux 6.1");
                insert.setString(4, kind < 90 ? "0.4.0" : "0.3.9");
                insert.setString(5, String.format(Locale.ROOT, "pupil%04d", d));
                insert.setLong(6, now - 200 * day + d);
                if (kind < 3) {
                    insert.setNull(7, Types.INTEGER);
                } else {
                    insert.setLong(7, now - (long) ((kind < 10 ? 4 + random.nextInt(30) : random.nextDouble()) * day));
                }
                if (kind >= 97) {
                    insert.setLong(8, now - 10 * day);
                } else {
                    insert.setNull(8, Types.INTEGER);
                }
                insert.setLong(9, random.nextInt(50));
                insert.setLong(10, kind % 20 == 0 ? random.nextInt(40) : 0);
                insert.setLong(11, kind % 25 == 0 ? random.nextInt(5) : 0);
                insert.setLong(12, kind % 33 == 0 ? 1 : 0);
                insert.setString(13, kind < 3 ? null : kind < 15 ? "0123456789abcdef" : "current-unknown-to-bench");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertCaptures(Connection connection, int devices) throws SQLException {
        Random random = new Random(42);
        long now = Instant.now().toEpochMilli();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id, seq,"
                + " occurred_at, received_at, os_user, window_title, app, category, severity, rule_id, matched_text,"
                + " context, match_start, match_end, explanation, status) VALUES (?, ?, ?, ?, ?, 'pupil',"
                + " 'Untitled document', 'chrome', 'bullying', 2, 'bullying.txt:1', 'matched words',"
                + " 'some typed text with the matched words in it', 20, 33, 'matched the phrase', 'NEW')")) {
            int total = devices * CAPTURES_PER_DEVICE;
            for (int i = 0; i < total; i++) {
                long occurred = now - random.nextInt(Integer.MAX_VALUE);
                insert.setString(1, "bench-" + i);
                insert.setString(2, String.format(Locale.ROOT, "bench-device-%04d", random.nextInt(devices)));
                insert.setLong(3, i);
                insert.setLong(4, occurred);
                insert.setLong(5, occurred + 500);
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
