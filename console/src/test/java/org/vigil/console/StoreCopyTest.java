package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.cli.AuditCommand;
import org.vigil.console.cli.StoreCommand;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.PupilFlags;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.copy.CopyProgress;
import org.vigil.console.store.copy.StoreCopy;
import org.vigil.console.store.postgresql.PostgresUrl;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.testing.SettableClock;

/**
 * {@code store copy} (ADR 0178): a school's SQLite console, seeded through its own services, copied into an empty
 * PostgreSQL database and compared table by table; a target with rows refused; a copy whose connection the server
 * cuts mid-table leaves no row behind, and the next run copies cleanly.
 */
class StoreCopyTest {
    private static final byte[] SECOND_PNG = Events.ONE_PIXEL_PNG.clone();

    static {
        SECOND_PNG[SECOND_PNG.length - 1] ^= 1;
    }

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private Path school;
    private Path trust;
    private Path credentials;
    private TestPostgres.Fresh database;
    private long captures;

    @BeforeEach
    void schoolAndEmptyDatabase() throws IOException {
        Assumptions.assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
        school = dir.resolve("school");
        trust = dir.resolve("trust");
        captures = seedSchool(school);
        database = TestPostgres.emptyDatabase(TestPostgres.server().orElseThrow());
        credentials = dir.resolve("db-credentials");
        Files.writeString(credentials, database.credentials().user() + "\n" + database.credentials().password() + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSeededSchoolIsCopiedWithEveryTableMatchingAndItsAuditChainVerifyingOnTheTarget() throws Exception {
        StoreCommand.Outcome outcome = copy(CopyProgress.NONE);

        assertEquals(0, outcome.exitStatus(), outcome.text());
        assertTrue(outcome.text().contains("Every table matches the source."), outcome.text());
        assertFalse(outcome.text().contains("DIFFERENT"), outcome.text());
        assertTrue(outcome.text().contains("screenshots: 2 of 2 copied"), outcome.text());
        for (String table : List.of("captures", "capture_notes", "legal_holds", "audit_log", "pupils",
                "alert_outbox", "policy_versions", "report_days", "users", "devices")) {
            assertTrue(outcome.text().lines().anyMatch(line -> line.startsWith(table + " ") && line.endsWith("same")),
                    table + " compared:\n" + outcome.text());
        }
        assertEquals(captures, targetCount("SELECT count(*) FROM captures"));

        AuditCommand.Outcome verified = AuditCommand.run(List.of("verify", "--data", trust.toString(), "--db",
                database.url().toString(), "--db-credentials", credentials.toString()), clock);
        assertEquals(0, verified.exitStatus(), verified.text());
        assertTrue(verified.text().contains("audit log intact"), verified.text());

        try (ConsoleServices target = ConsoleServices.open(trust, pgChoice(), clock)) {
            for (String sha256 : targetTexts("SELECT DISTINCT screenshot_sha256 FROM captures"
                    + " WHERE screenshot_sha256 IS NOT NULL")) {
                assertTrue(target.screenshots().get(sha256, "image/png").isPresent(), sha256);
            }
            assertArrayEquals(SECOND_PNG, target.screenshots().get(sha256(SECOND_PNG), "image/png").orElseThrow());
            long newestAudit = targetCount("SELECT max(id) FROM audit_log");
            long newestNote = targetCount("SELECT max(id) FROM capture_notes");
            // the identity sequences moved past the copied ids: new rows take the next ones
            Session dsl = new Session("s", targetCount("SELECT id FROM users WHERE username = 'dsl1'"), "dsl1",
                    Role.DSL, false, false, "csrf", clock.instant(), clock.instant(), true, true);
            target.triage().addNote(dsl, targetCount("SELECT min(id) FROM captures"), "after the move to the trust");
            assertEquals(newestNote + 1, targetCount("SELECT max(id) FROM capture_notes"));
            assertTrue(targetCount("SELECT max(id) FROM audit_log") > newestAudit);
        }
        AuditCommand.Outcome again = AuditCommand.run(List.of("verify", "--data", trust.toString(), "--db",
                database.url().toString(), "--db-credentials", credentials.toString()), clock);
        assertEquals(0, again.exitStatus(), "the chain goes on from the copied head: " + again.text());
    }

    @Test
    void screenshotsCanGoIntoTheTrustsDatabaseWhereItsConsoleReadsThem() throws Exception {
        StoreCommand.Outcome outcome = StoreCommand.run(List.of("copy", "--from", school.toString(), "--to",
                database.url().toString(), "--to-data", trust.toString(), "--db-credentials", credentials.toString(),
                "--screenshots", "postgresql"), Map.of(), clock);

        assertEquals(0, outcome.exitStatus(), outcome.text());
        assertTrue(outcome.text().contains("screenshots: 2 of 2 copied to the table screenshot_images in"),
                outcome.text());
        assertEquals(2, targetCount("SELECT count(*) FROM screenshot_images"));
        try (ConsoleServices target = ConsoleServices.open(trust, pgChoice(), clock)) {
            assertArrayEquals(SECOND_PNG, target.screenshots().get(sha256(SECOND_PNG), "image/png").orElseThrow(),
                    "the choice is recorded in the trust's data directory: " + target.screenshots().describe());
        }
    }

    @Test
    void aTargetThatHoldsRowsIsRefusedAndLeftAsItWas() throws Exception {
        assertEquals(0, copy(CopyProgress.NONE).exitStatus());
        Map<String, Long> before = targetRowCounts();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> copy(CopyProgress.NONE));

        assertTrue(refused.getMessage().contains("holds data already"), refused.getMessage());
        assertTrue(refused.getMessage().contains("new, empty database"), refused.getMessage());
        assertEquals(before, targetRowCounts());
    }

    @Test
    void aCopyWhoseConnectionIsCutMidTableLeavesNoRowAndTheNextRunCopiesCleanly() throws Exception {
        CopyProgress cutTheConnection = (table, rowsSoFar) -> {
            if (table.equals("captures")) {
                terminateOtherSessions();
            }
        };

        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> copy(cutTheConnection));

        assertTrue(stopped.getMessage().contains("stopped in table captures and was rolled back"),
                stopped.getMessage());
        targetRowCounts().forEach((table, rows) -> {
            if (!StoreCopy.SEEDED_BY_MIGRATIONS.contains(table)) {
                assertEquals(0L, rows, table + " holds rows after the interrupted copy");
            }
        });
        assertTrue(targetCount("SELECT count(*) FROM alert_rules") > 0, "the migrations' own rows are back");

        StoreCommand.Outcome outcome = copy(CopyProgress.NONE);
        assertEquals(0, outcome.exitStatus(), outcome.text());
        assertEquals(captures, targetCount("SELECT count(*) FROM captures"));
    }

    @Test
    void aCopyThatFailsInABatchIsRolledBackToo() throws Exception {
        CopyProgress failing = (table, rowsSoFar) -> {
            if (table.equals("audit_log")) {
                throw new IllegalStateException("disk full (simulated)");
            }
        };

        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> copy(failing));

        assertTrue(stopped.getMessage().contains("disk full (simulated)"), stopped.getMessage());
        assertEquals(0, targetCount("SELECT count(*) FROM users"));
        assertEquals(0, copy(CopyProgress.NONE).exitStatus());
    }

    @Test
    void aSchoolAtAnOlderSchemaVersionIsRefusedWithTheWayToMigrateIt() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Flyway.configure().dataSource("jdbc:sqlite:" + old.resolve("vigil.db"), null, null)
                .locations("classpath:db/migration/sqlite").target("30").load().migrate();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StoreCommand.run(List.of(
                "copy", "--from", old.toString(), "--to", database.url().toString(), "--to-data", trust.toString(),
                "--db-credentials", credentials.toString()), Map.of(), clock));

        assertTrue(refused.getMessage().contains("schema version V30, older than"), refused.getMessage());
        assertTrue(refused.getMessage().contains("serve --data " + old), refused.getMessage());
    }

    private StoreCommand.Outcome copy(CopyProgress progress) {
        return StoreCommand.run(List.of("copy", "--from", school.toString(), "--to", database.url().toString(),
                "--to-data", trust.toString(), "--db-credentials", credentials.toString(), "--batch", "2"),
                Map.of(), clock, progress);
    }

    private DatabaseChoice pgChoice() {
        return DatabaseChoice.from(Map.of("--db", database.url().toString(), "--db-credentials",
                credentials.toString()), Map.of());
    }

    /** A school's console with what a term leaves: staff, a device, captures with screenshots, triage, holds. */
    private long seedSchool(Path dataDir) {
        try (ConsoleServices school = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock)) {
            school.administration().create("cli:test", "dsl1", Role.DSL, false, Optional.of("dsl1@school.example"));
            school.administration().create("cli:test", "it1", Role.IT_ADMIN, true, Optional.empty());
            long token = school.enrolmentTokens().create("cli:test", "laptops", 30, Optional.empty()).id();
            String device = UUID.randomUUID().toString();
            school.devices().insert(new NewDevice(device, "secret-hash", "laptop-7", "linux", "1", "bsmith", token));
            school.directory().importFull("cli:test", "CSV", List.of(
                    new DirectoryPupil("bsmith", "Ben", "Smith", "Year 9", "9B", new PupilFlags(true, false, false)),
                    new DirectoryPupil("asmith", "Amy", "Smith", "Year 8", "8A", PupilFlags.none())));
            List<Long> ids = new ArrayList<>();
            byte[][] images = {Events.ONE_PIXEL_PNG, SECOND_PNG, Events.ONE_PIXEL_PNG, null, null};
            for (int i = 0; i < images.length; i++) {
                clock.advance(java.time.Duration.ofMinutes(7));
                String eventId = UUID.randomUUID().toString();
                school.captures().storeIfAbsent(new NewCapture(eventId, device, i + 1, clock.millis(),
                        i % 2 == 0 ? "bsmith" : "asmith", "Chat — ünïcode 'quoted'", "chrome", "self-harm", 5,
                        "self-harm.txt:12", "hurt myself", "i want to hurt myself tonight", 10, 21, "listed",
                        Optional.ofNullable(images[i]).map(png -> new ScreenshotImage(png, "image/png", 1, 1))));
                ids.add(Db.captureId(dataDir, eventId));
            }
            long dslId = school.users().findByUsername("dsl1").orElseThrow().id();
            Session dsl = new Session("s", dslId, "dsl1", Role.DSL, false, false, "csrf", clock.instant(),
                    clock.instant(), true, true);
            school.triage().changeStatus(dsl, ids.get(0), CaptureStatus.IN_REVIEW);
            school.triage().addNote(dsl, ids.get(0), "spoke to Ben; parents called");
            school.triage().justifyViewing(dsl, ids.get(1), "need to see the chat");
            school.triage().markFalsePositive(dsl, List.of(ids.get(4)), Map.of(ids.get(4), "song lyrics quoted in a music lesson"));
            school.holds().place("dsl1", LegalHold.Scope.CAPTURE, String.valueOf(ids.get(0)), "police request");
            return ids.size();
        }
    }

    private static String sha256(byte[] data) {
        return org.vigil.console.store.Hashes.sha256Hex(data);
    }

    private Connection target() throws SQLException {
        return DriverManager.getConnection(database.url().jdbcUrl(), database.credentials().user(),
                database.credentials().password());
    }

    private long targetCount(String sql) throws SQLException {
        try (Connection connection = target(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> targetTexts(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection connection = target(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    private Map<String, Long> targetRowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : targetTexts("SELECT relname FROM pg_class WHERE relkind = 'r'"
                + " AND relnamespace = current_schema()::regnamespace AND relname <> 'flyway_schema_history'")) {
            counts.put(table, targetCount("SELECT count(*) FROM \"" + table + "\""));
        }
        return counts;
    }

    /** What a server restart or a network cut does to the copy's connection, from the server's side. */
    private void terminateOtherSessions() {
        PostgresUrl admin = database.url();
        try (Connection connection = target();
             PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(pid)"
                     + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, admin.database());
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
