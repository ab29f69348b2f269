package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.HoldsCommand;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.testing.SettableClock;

/**
 * Legal holds through the {@code holds} command (ADR 0142): placed and lifted with reasons and audited, honoured by
 * the retention purge, and the held evidence exported as a zip whose manifest checks every file.
 */
class LegalHoldsTest {
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dataDir;
    @TempDir
    Path out;

    private final SettableClock clock = new SettableClock(START);
    private long captureId;

    @BeforeEach
    void aDecidedCaptureWithANote() {
        try (ConsoleServices services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock)) {
            long token = services.enrolmentTokens().create("test", "test", 30, Optional.empty()).id();
            String deviceId = UUID.randomUUID().toString();
            services.devices().insert(new NewDevice(deviceId, "hash", "laptop-3", "linux", "1", "bsmith", token));
            String eventId = UUID.randomUUID().toString();
            services.captures().storeIfAbsent(new NewCapture(eventId, deviceId, 1, clock.millis(), "bsmith", "Chat",
                    "chrome", "cse-grooming", 5, "cse-grooming.txt:4", "delete our chats",
                    "he said delete our chats and dont tell", 8, 24, "listed",
                    Optional.of(new ScreenshotImage(Events.ONE_PIXEL_PNG, "image/png", 1, 1))));
            captureId = Db.captureId(dataDir, eventId);
        }
        sql("UPDATE captures SET status = 'FALSE_POSITIVE', status_changed_at = " + START.toEpochMilli()
                + " WHERE id = " + captureId);
        sql("INSERT INTO capture_notes (capture_id, author, created_at, body) VALUES (" + captureId
                + ", 'dsl', 0, 'police informed, ref 44/123')");
    }

    @Test
    void aHeldCaptureOutlivesItsRetentionUntilTheHoldIsLiftedWithAReason() throws Exception {
        String placed = holds("place", "--capture", Long.toString(captureId), "--reason", "police ref 44/123");
        assertTrue(placed.startsWith("placed hold 1:"), placed);
        assertTrue(holds("list").contains("1\tcapture " + captureId + "\t"));
        assertEquals("capture " + captureId + ": police ref 44/123",
                Db.text(dataDir, "SELECT detail FROM audit_log WHERE action = 'hold.place'"));

        clock.set(START.plus(Duration.ofDays(400)));
        assertEquals(0, purge(), "held: kept past every retention period");

        holds("lift", "1", "--reason", "CPS decided no further action");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'hold.lift'"));
        InvalidRequest again = assertThrows(InvalidRequest.class,
                () -> holds("lift", "1", "--reason", "again"));
        assertEquals("Hold 1 on capture " + captureId + " was already lifted.", again.getMessage());
        assertEquals(1, purge(), "lifted: the next run purges it");
    }

    @Test
    void aHoldOnAPupilCoversEveryCaptureUnderTheirLogin() throws Exception {
        holds("place", "--pupil", "bsmith", "--reason", "section 47 enquiry");
        clock.set(START.plus(Duration.ofDays(400)));
        assertEquals(0, purge());
    }

    @Test
    void aHoldIsRefusedWithoutAReasonOrForSomethingThatIsNotThere() {
        assertEquals("Give the reason for placing the hold (for example the police reference).",
                assertThrows(InvalidRequest.class, () -> holds("place", "--capture", Long.toString(captureId)))
                        .getMessage());
        assertEquals("There is no capture 999.", assertThrows(InvalidRequest.class,
                () -> holds("place", "--capture", "999", "--reason", "x")).getMessage());
        assertEquals("An incident is named by its number, not \"seven\".", assertThrows(InvalidRequest.class,
                () -> holds("place", "--incident", "seven", "--reason", "x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> holds("place", "--capture", "1", "--pupil", "bsmith",
                "--reason", "x"));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM legal_holds"));
    }

    @Test
    void theHeldEvidenceIsOneZipWhoseManifestChecksEveryFile() throws Exception {
        holds("place", "--capture", Long.toString(captureId), "--reason", "police ref 44/123");
        Path zip = out.resolve("evidence.zip");

        String wrote = holds("export", "1", "--to", zip.toString(), "--justification", "requested by PC 4411");

        assertTrue(wrote.contains("1 captures"), wrote);
        Map<String, byte[]> files = unzip(zip);
        assertEquals(List.of("hold.txt", "capture-" + captureId + "/record.txt", "capture-" + captureId
                + "/notes.txt", "capture-" + captureId + "/screenshot.png", "manifest-sha256.txt"),
                List.copyOf(files.keySet()));
        String record = new String(files.get("capture-" + captureId + "/record.txt"), StandardCharsets.UTF_8);
        assertTrue(record.contains("context: he said delete our chats and dont tell"), record);
        assertTrue(new String(files.get("capture-" + captureId + "/notes.txt"), StandardCharsets.UTF_8)
                .contains("police informed, ref 44/123"));
        assertTrue(Arrays.equals(Events.ONE_PIXEL_PNG, files.get("capture-" + captureId
                + "/screenshot.png")));
        for (String line : new String(files.get("manifest-sha256.txt"), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split("  ", 2);
            assertEquals(Hashes.sha256Hex(files.get(parts[1])), parts[0], parts[1]);
        }
        assertEquals("1 captures: requested by PC 4411",
                Db.text(dataDir, "SELECT detail FROM audit_log WHERE action = 'hold.export'"));
    }

    @Test
    void anExportWithoutAJustificationWritesNothing() throws Exception {
        holds("place", "--capture", Long.toString(captureId), "--reason", "police ref 44/123");
        Path zip = out.resolve("evidence.zip");
        assertThrows(InvalidRequest.class, () -> holds("export", "1", "--to", zip.toString()));
        assertFalse(Files.exists(zip));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'hold.export'"));
    }

    private String holds(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", dataDir.toString()));
        return HoldsCommand.run(all, clock);
    }

    private int purge() {
        try (ConsoleServices services = ConsoleServices.open(dataDir, clock)) {
            return services.retention().run("retention").captures();
        }
    }

    private void sql(String statement) {
        String error = Db.tryUpdate(dataDir, statement);
        if (error != null) {
            throw new AssertionError(statement + ": " + error);
        }
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
