package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.PupilsCommand;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.testing.SettableClock;

/**
 * A subject access request from the command line ({@code pupils sar}, ADR 0143), over a real data directory: the zip
 * holds the pupil's captures, screenshot, notes, alerts and the audit entries naming them (and nothing of another
 * pupil), in a PDF read back with PDFBox and in JSON; hostile text stays text; the export is audited; a request
 * without its reason, or onto an existing file, is refused and changes nothing.
 */
class SubjectAccessCommandTest {
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final String HOSTILE = "<script>alert(1)</script> \"}], \"captures\": [ =cmd|' /C calc'!A0";

    @TempDir
    Path dataDir;
    @TempDir
    Path out;

    private final SettableClock clock = new SettableClock(START);
    private long withScreenshot;
    private long hostile;
    private long otherPupils;

    @BeforeEach
    void twoCapturesOfBsmithAndOneOfAnotherPupil() {
        try (ConsoleServices services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock)) {
            long token = services.enrolmentTokens().create("test", "test", 30, Optional.empty()).id();
            String deviceId = UUID.randomUUID().toString();
            services.devices().insert(new NewDevice(deviceId, "hash", "laptop-3", "linux", "1", "bsmith", token));
            withScreenshot = store(services, deviceId, 1, "bsmith", "Chat", "he said delete our chats and dont tell",
                    Optional.of(new ScreenshotImage(Events.ONE_PIXEL_PNG, "image/png", 1, 1)));
            hostile = store(services, deviceId, 2, "bsmith", HOSTILE, "typed " + HOSTILE + " delete our chats",
                    Optional.empty());
            otherPupils = store(services, deviceId, 3, "ajones", "Other chat", "ajones typed delete our chats",
                    Optional.empty());
            services.audit().record("dsl", "history.pupil.view", "pupil:bsmith");
            services.audit().record("dsl", "capture.view", "capture:" + withScreenshot);
            services.audit().record("dsl", "capture.view", "capture:" + otherPupils);
        }
        sql("INSERT INTO capture_notes (capture_id, author, created_at, body) VALUES (" + hostile
                + ", 'dsl', 0, 'note: " + HOSTILE.replace("'", "''") + "')");
        sql("INSERT INTO alert_outbox (alert_id, kind, dedupe_key, capture_id, channel, recipient, created_at,"
                + " next_attempt_at, delivered_at) VALUES ('a1', 'CAPTURE', '" + withScreenshot + "', "
                + withScreenshot + ", 'EMAIL', 'dsl@school.example', 0, 0, 5)");
        sql("INSERT INTO alert_outbox (alert_id, kind, dedupe_key, capture_id, channel, recipient, created_at,"
                + " next_attempt_at) VALUES ('a2', 'CAPTURE', '" + otherPupils + "', " + otherPupils
                + ", 'EMAIL', 'dsl@school.example', 0, 0)");
    }

    @Test
    void theZipHoldsEverythingAboutThePupilAndNothingAboutAnother() throws Exception {
        Path zip = out.resolve("bsmith.zip");
        String said = pupils("sar", "bsmith", "--to", zip.toString(), "--request", "mother's letter of 1 March");
        assertTrue(said.startsWith("wrote " + zip + ": 2 captures, 1 screenshots, 1 alerts,"), said);

        Map<String, byte[]> files = unzip(Files.readAllBytes(zip));
        assertEquals(List.of("summary.pdf", "records.json", "screenshots/capture-" + withScreenshot + ".png",
                "manifest-sha256.txt"), new ArrayList<>(files.keySet()));
        assertTrue(java.util.Arrays.equals(Events.ONE_PIXEL_PNG,
                files.get("screenshots/capture-" + withScreenshot + ".png")));
        for (String line : new String(files.get("manifest-sha256.txt"), StandardCharsets.UTF_8).split("\n")) {
            String[] hashAndName = line.split("  ", 2);
            assertEquals(hashAndName[0], Hashes.sha256Hex(files.get(hashAndName[1])), line);
        }

        JsonNode json = new ObjectMapper().readTree(files.get("records.json"));
        assertEquals("bsmith", json.get("pupil").asText());
        assertEquals("mother's letter of 1 March", json.get("request").asText());
        assertEquals(2, json.get("captures").size());
        assertEquals(withScreenshot, json.get("captures").get(0).get("id").asLong());
        assertEquals("screenshots/capture-" + withScreenshot + ".png",
                json.get("captures").get(0).get("screenshotFile").asText());
        JsonNode second = json.get("captures").get(1);
        assertEquals(hostile, second.get("id").asLong());
        assertEquals(HOSTILE, second.get("windowTitle").asText(), "hostile text stays text in the JSON");
        assertEquals("note: " + HOSTILE, second.get("notes").get(0).get("body").asText());
        assertEquals(1, json.get("alerts").size());
        assertEquals(withScreenshot, json.get("alerts").get(0).get("captureId").asLong());
        List<String> auditTargets = new ArrayList<>();
        json.get("auditEntries").forEach(entry -> auditTargets.add(entry.get("action").asText() + " "
                + entry.get("target").asText()));
        assertTrue(auditTargets.contains("history.pupil.view pupil:bsmith"), auditTargets.toString());
        assertTrue(auditTargets.contains("capture.view capture:" + withScreenshot), auditTargets.toString());
        assertTrue(auditTargets.contains("pupil.subject-access pupil:bsmith"), "the export itself is listed");
        assertFalse(auditTargets.contains("capture.view capture:" + otherPupils), "another pupil's entry");
        assertFalse(new String(files.get("records.json"), StandardCharsets.UTF_8).contains("ajones"));

        try (PDDocument pdf = Loader.loadPDF(files.get("summary.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Vigil subject access request: bsmith"), text);
            assertTrue(text.contains("Capture " + withScreenshot + ": cse-grooming, severity 5"), text);
            assertTrue(text.contains("he said delete our chats and dont tell"), text);
            assertTrue(text.contains("<script>alert(1)</script>"), "hostile text is just text in a PDF: " + text);
            assertTrue(text.contains("dsl@school.example"), text);
            assertFalse(text.contains("ajones"), text);
        }

        assertEquals("2 captures: mother's letter of 1 March", Db.text(dataDir, "SELECT detail FROM audit_log"
                + " WHERE action = 'pupil.subject-access' AND target = 'pupil:bsmith'"));
        assertTrue(Db.text(dataDir, "SELECT actor FROM audit_log WHERE action = 'pupil.subject-access'")
                .startsWith("cli:"));
    }

    @Test
    void withoutTheRequestItAnswersNothingIsWrittenOrAudited() {
        Path zip = out.resolve("none.zip");
        InvalidRequest refused = assertThrows(InvalidRequest.class,
                () -> pupils("sar", "bsmith", "--to", zip.toString(), "--request", "  "));
        assertTrue(refused.getMessage().startsWith("Say whose request this answers"), refused.getMessage());
        assertFalse(Files.exists(zip));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"));
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> pupils("sar", "bsmith", "--request", "letter"));
        assertEquals("pupils sar needs --to FILE.zip", noFile.getMessage());
    }

    @Test
    void thePupilsDirectoryEntryWithItsFlagsIsInTheExport() throws Exception {
        Path csv = Files.writeString(out.resolve("mis.csv"), "Username,Forename,Surname,Year,Form,LAC\n"
                + "bsmith,Bella,Smith,9,9B,yes\najones,Aled,Jones,9,9C,no\n");
        assertEquals("imported " + csv + ": 2 added, 0 updated, 0 marked left, 0 unchanged\n",
                pupils("import", csv.toString()));
        Path zip = out.resolve("bsmith.zip");
        pupils("sar", "bsmith", "--to", zip.toString(), "--request", "letter");

        Map<String, byte[]> files = unzip(Files.readAllBytes(zip));
        JsonNode directory = new ObjectMapper().readTree(files.get("records.json")).get("directory");
        assertEquals("Bella", directory.get("givenName").asText());
        assertEquals("9B", directory.get("form").asText());
        assertTrue(directory.get("lookedAfter").asBoolean());
        assertFalse(directory.get("childProtectionPlan").asBoolean());
        try (PDDocument pdf = Loader.loadPDF(files.get("summary.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Bella Smith") && text.contains("Year 9, 9B") && text.contains("LAC"), text);
            assertFalse(text.contains("Aled"), "nothing about another pupil");
        }
    }

    @Test
    void anExistingFileIsNeitherOverwrittenNorDeleted() throws Exception {
        Path zip = out.resolve("taken.zip");
        Files.writeString(zip, "someone else's file");
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> pupils("sar", "bsmith", "--to", zip.toString(), "--request", "letter"));
        assertEquals("someone else's file", Files.readString(zip));
    }

    private long store(ConsoleServices services, String deviceId, long seq, String pupil, String window,
                       String context, Optional<ScreenshotImage> screenshot) {
        String eventId = UUID.randomUUID().toString();
        int start = context.indexOf("delete our chats");
        services.captures().storeIfAbsent(new NewCapture(eventId, deviceId, seq, clock.millis(), pupil, window,
                "chrome", "cse-grooming", 5, "cse-grooming.txt:4", "delete our chats", context, start,
                start + "delete our chats".length(), "listed", screenshot));
        return Db.captureId(dataDir, eventId);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private String pupils(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", dataDir.toString()));
        return PupilsCommand.run(all, clock);
    }

    private void sql(String statement) {
        String error = Db.tryUpdate(dataDir, statement);
        if (error != null) {
            throw new AssertionError(statement + ": " + error);
        }
    }
}
