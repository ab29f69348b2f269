package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.vigil.console.ConsoleHome;
import org.vigil.console.ConsoleServices;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewDevice;

/**
 * Old, decided captures written straight into a new console's SQLite file (one connection, 10,000 rows a
 * transaction) before the console starts: false positives decided {@code ageDays} ago, every
 * {@code captures / screenshots}-th with its own screenshot file in the content-addressed store, laid out as
 * {@code FileScreenshotStore} lays it out. Far faster than sending them over gRPC, and the rows are what ingest
 * and triage would have left.
 */
final class PurgeSeed {
    private static final int ROWS_PER_TRANSACTION = 10_000;
    private static final int SCREENSHOT_BYTES = 2048;

    private PurgeSeed() {
    }

    /** Creates the console in {@code dataDir} and seeds it. */
    static void seed(Path dataDir, int captures, int screenshots, int ageDays) throws IOException, SQLException {
        String deviceId = UUID.randomUUID().toString();
        try (ConsoleServices services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), Clock.systemUTC())) {
            long token = services.enrolmentTokens().create("bench", "purge seed", 30, Optional.empty()).id();
            services.devices().insert(new NewDevice(deviceId, "seed", "seed-laptop", "linux", "bench", "pupil",
                    token));
        }
        int screenshotEvery = screenshots == 0 ? Integer.MAX_VALUE : Math.max(1, captures / screenshots);
        long decided = Instant.now().minus(Duration.ofDays(ageDays)).toEpochMilli();
        Path store = dataDir.resolve("screenshots");
        byte[] image = new byte[SCREENSHOT_BYTES];
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id,"
                    + " seq, occurred_at, received_at, os_user, window_title, app, category, severity, rule_id,"
                    + " matched_text, context, match_start, match_end, explanation, screenshot_sha256,"
                    + " screenshot_media_type, screenshot_width, screenshot_height, status, status_changed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'Chat - Browser', 'chrome', 'bullying', 2, 'bullying.txt:3',"
                    + " 'nobody likes you', ?, 12, 28, 'listed', ?, ?, ?, ?, 'FALSE_POSITIVE', ?)")) {
                int written = 0;
                for (int i = 1; i <= captures; i++) {
                    long at = decided - (captures - i) * 1000L;
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, deviceId);
                    insert.setLong(3, i);
                    insert.setLong(4, at);
                    insert.setLong(5, at);
                    insert.setString(6, "pupil" + (i % 900));
                    insert.setString(7, "bench line " + i + " nobody likes you, just leave");
                    if (i % screenshotEvery == 0 && written < screenshots) {
                        String sha256 = writeScreenshot(store, image, i);
                        insert.setString(8, sha256);
                        insert.setString(9, "image/png");
                        insert.setInt(10, 1280);
                        insert.setInt(11, 800);
                        written++;
                    } else {
                        insert.setNull(8, Types.VARCHAR);
                        insert.setNull(9, Types.VARCHAR);
                        insert.setNull(10, Types.INTEGER);
                        insert.setNull(11, Types.INTEGER);
                    }
                    insert.setLong(12, at);
                    insert.addBatch();
                    if (i % ROWS_PER_TRANSACTION == 0 || i == captures) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
    }

    /** A distinct image (the store is content-addressed, so equal files would be one), where the store puts it. */
    private static String writeScreenshot(Path store, byte[] image, int i) throws IOException {
        byte[] marker = ("bench screenshot " + i).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(image, (byte) 0);
        System.arraycopy(marker, 0, image, 0, marker.length);
        String sha256 = Hashes.sha256Hex(image);
        Path folder = store.resolve(sha256.substring(0, 2));
        Files.createDirectories(folder);
        Files.write(folder.resolve(sha256 + ".png"), image);
        return sha256;
    }

    /** One count from the console's database, read as an outsider would. */
    static long count(Path dataDir, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
             PreparedStatement statement = connection.prepareStatement(sql);
             java.sql.ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
