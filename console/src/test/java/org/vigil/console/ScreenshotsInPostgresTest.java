package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.testing.SettableClock;

/**
 * A console on PostgreSQL that keeps its screenshots in the same database (ADR 0179): a capture's image is a row
 * of {@code screenshot_images}, stored once however many captures use it, and read back through the console; a
 * SQLite console told to keep them there does not start.
 */
class ScreenshotsInPostgresTest {
    @TempDir
    Path dataDir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void capturesStoreTheirImagesInTheDatabaseOnceAndTheConsoleReadsThemBack() throws SQLException {
        Assumptions.assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
        try (TestPostgres.Fresh database = TestPostgres.freshDatabase(TestPostgres.server().orElseThrow())) {
            ScreenshotPlace.database().record(dataDir);
            DatabaseChoice choice = new DatabaseChoice(Optional.of(database.url()),
                    Optional.of(database.credentials()));
            try (ConsoleServices console = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir, choice), clock)) {
                assertTrue(console.screenshots().describe().contains("screenshot_images"),
                        console.screenshots().describe());
                long token = console.enrolmentTokens().create("test", "test", 30, Optional.empty()).id();
                String device = UUID.randomUUID().toString();
                console.devices().insert(new NewDevice(device, "h", "laptop-7", "linux", "1", "bsmith", token));
                for (int seq = 1; seq <= 2; seq++) {
                    console.captures().storeIfAbsent(new NewCapture(UUID.randomUUID().toString(), device, seq,
                            clock.millis(), "bsmith", "Chat", "chrome", "bullying", 3, "bullying.txt:1", "loser",
                            "you are such a loser", 16, 21, "listed",
                            Optional.of(new ScreenshotImage(Events.ONE_PIXEL_PNG, "image/png", 1, 1))));
                }

                assertEquals(1, count(database, "SELECT count(*) FROM screenshot_images"), "stored once");
                assertEquals(2, count(database, "SELECT count(*) FROM captures WHERE screenshot_sha256 = '"
                        + Hashes.sha256Hex(Events.ONE_PIXEL_PNG) + "'"));
                assertArrayEquals(Events.ONE_PIXEL_PNG, console.screenshots()
                        .get(Hashes.sha256Hex(Events.ONE_PIXEL_PNG), "image/png").orElseThrow());
            }
        }
    }

    @Test
    void aSqliteConsoleRecordedToKeepItsScreenshotsInTheDatabaseDoesNotStart() {
        ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock).close();
        ScreenshotPlace.database().record(dataDir);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ConsoleServices.open(dataDir, clock));

        assertTrue(refused.getMessage().contains("keeps its screenshots in its PostgreSQL database"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("give --db postgresql://HOST:PORT/NAME"), refused.getMessage());
    }

    private static long count(TestPostgres.Fresh database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url().jdbcUrl(),
                database.credentials().user(), database.credentials().password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
