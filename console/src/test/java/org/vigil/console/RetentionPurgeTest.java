package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.audit.AuditChainCheck;
import org.vigil.console.cli.AuditCommand;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.retention.PurgeReport;
import org.vigil.console.retention.RetentionPurge;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.testing.SettableClock;

/**
 * The retention purge (ADR 0142) over a real console database and real screenshot files, with the clock moved on
 * as the days would move it. Captures are decided by setting their status in the file, as triage would have.
 */
class RetentionPurgeTest {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final byte[] OTHER_PNG = Events.ONE_PIXEL_PNG.clone();

    static {
        OTHER_PNG[OTHER_PNG.length - 1] ^= 1; // different bytes, so a different content address
    }

    @TempDir
    Path dataDir;

    private final SettableClock clock = new SettableClock(START);
    private ConsoleServices services;
    private String deviceId;

    @BeforeEach
    void console() {
        services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock);
        long token = services.enrolmentTokens().create("test", "test", 30, Optional.empty()).id();
        deviceId = UUID.randomUUID().toString();
        services.devices().insert(new NewDevice(deviceId, "secret-hash", "laptop-7", "linux", "1", "bsmith", token));
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void aFalsePositivePastItsDaysGoesWithEverythingHangingOffItAndLeavesATombstone() {
        long old = capture("bsmith", Events.ONE_PIXEL_PNG);
        long recent = capture("bsmith", Events.ONE_PIXEL_PNG); // the same screenshot: its file must stay
        long open = capture("bsmith", OTHER_PNG);
        decide(old, "FALSE_POSITIVE", START);
        decide(recent, "FALSE_POSITIVE", START.plus(Duration.ofDays(20)));
        sql("INSERT INTO capture_notes (capture_id, author, created_at, body) VALUES (" + old + ", 'dsl', 0,"
                + " 'spoke to bsmith about it')");
        services.audit().record("dsl", "capture.status", "capture:" + old, "false positive: bsmith was quoting a song");
        clock.set(START.plus(Duration.ofDays(31)));

        PurgeReport report = services.retention().run("retention");

        assertEquals(1, report.captures());
        assertEquals(List.of(recent, open), ids("SELECT id FROM captures ORDER BY id"));
        assertEquals(0, count("SELECT count(*) FROM capture_notes"));
        assertNull(text("SELECT detail FROM audit_log WHERE target = 'capture:" + old + "'"),
                "what the log said about the capture in words is gone with it");
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE target = 'capture:" + old + "'"),
                "the entry itself stays");
        assertEquals("1 captures deleted: false positive after 30 days",
                text("SELECT detail FROM audit_log WHERE action = 'retention.purge' AND target = 'captures'"));
        assertTrue(new AuditChainCheck(services.audit()).run().intact(), "a redacted detail still checks");
        assertEquals(2, screenshotFiles().size(), "the shared file stays with the capture still using it");
    }

    @Test
    void aScreenshotGoesBeforeItsDecidedCaptureAndItsFileWithIt() {
        long decided = capture("bsmith", OTHER_PNG);
        long open = capture("bsmith", Events.ONE_PIXEL_PNG);
        decide(decided, "NO_FURTHER_ACTION", START);
        clock.set(START.plus(Duration.ofDays(91)));

        PurgeReport report = services.retention().run("retention");

        assertEquals(0, report.captures());
        assertEquals(1, report.screenshots());
        assertNull(text("SELECT screenshot_sha256 FROM captures WHERE id = " + decided));
        assertEquals(clock.millis(), count("SELECT screenshot_purged_at FROM captures WHERE id = " + decided));
        assertEquals(List.of(sha256Of(open)), screenshotFiles().stream()
                .map(file -> file.getFileName().toString().replace(".png", "")).toList());
    }

    @Test
    void aClosedCaseIsKeptUntilItWasExportedAndThenForTheSetMonths() {
        long neverExported = capture("bsmith", Events.ONE_PIXEL_PNG);
        long exported = capture("bsmith", OTHER_PNG);
        close(neverExported, START);
        close(exported, START);
        sql("UPDATE captures SET exported_at = " + START.plus(Duration.ofDays(1)).toEpochMilli() + " WHERE id = "
                + exported);

        clock.set(START.plus(Duration.ofDays(5 * 30)));
        assertEquals(0, services.retention().run("retention").captures(), "5 months after the export: kept");

        clock.set(START.plus(Duration.ofDays(3650)));
        PurgeReport report = services.retention().run("retention");

        assertEquals(1, report.captures());
        assertEquals(List.of(neverExported), ids("SELECT id FROM captures"), "never exported: never purged");
    }

    @Test
    void aLegalHoldOnACaptureAnIncidentOrAPupilKeepsWhatItCovers() {
        long heldCapture = capture("asmith", Events.ONE_PIXEL_PNG);
        long heldPupil = capture("bsmith", Events.ONE_PIXEL_PNG);
        long inHeldIncident = capture("csmith", Events.ONE_PIXEL_PNG);
        long free = capture("csmith", OTHER_PNG);
        for (long id : List.of(heldCapture, heldPupil, inHeldIncident, free)) {
            decide(id, "FALSE_POSITIVE", START);
        }
        sql("INSERT INTO incidents (id, title, created_by, created_at, status, status_changed_at)"
                + " VALUES (7, 'x', 'dsl', 0, 'FALSE_POSITIVE', 0)");
        sql("INSERT INTO incident_captures (capture_id, incident_id, added_by, added_at) VALUES (" + inHeldIncident
                + ", 7, 'dsl', 0)");
        hold("CAPTURE", Long.toString(heldCapture));
        hold("PUPIL", "bsmith");
        hold("INCIDENT", "7");
        hold("CAPTURE", Long.toString(free));
        sql("UPDATE legal_holds SET lifted_by = 'dsl', lifted_at = 1, lift_reason = 'police closed the case'"
                + " WHERE target = '" + free + "'");
        clock.set(START.plus(Duration.ofDays(400)));

        PurgeReport report = services.retention().run("retention");

        assertEquals(1, report.captures(), "only the capture whose hold was lifted");
        assertEquals(List.of(heldCapture, heldPupil, inHeldIncident), ids("SELECT id FROM captures ORDER BY id"));
        assertEquals(1, screenshotFiles().size(), "the held captures' shared file stays, the freed one's goes");
    }

    @Test
    void theAuditLogKeepsItsOwnLongerRetentionAndItsChainStillChecks() {
        services.audit().record("dsl", "capture.view", "capture:1");
        services.audit().record("dsl", "capture.view", "capture:2");
        long before = count("SELECT max(id) FROM audit_log");
        clock.set(START.atOffset(ZoneOffset.UTC).plusMonths(85).toInstant());
        services.audit().record("dsl", "capture.view", "capture:3");

        PurgeReport report = services.retention().run("retention");

        assertEquals(before, report.auditEntries(), "everything written before the clock moved on");
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE id <= " + before));
        assertTrue(text("SELECT detail FROM audit_log WHERE target = 'audit_log'")
                .matches(before + " audit entries older than 84 months deleted, through entry " + before));
        assertTrue(new AuditChainCheck(services.audit()).run().intact(),
                new AuditChainCheck(services.audit()).run().describe());
        assertTrue(Db.tryUpdate(dataDir, "DELETE FROM audit_log WHERE id = " + (before + 1)).contains("append-only"),
                "entries after the removed ones stay append-only");
    }

    @Test
    void aLargeAuditLogGoesInBatchesEachWithItsTombstoneAndTheChainStillVerifies() {
        services.transactions().inTransaction(() -> {
            for (int i = 0; i < 1_000; i++) {
                services.audit().record("dsl", "capture.view", "capture:" + i, "viewed for the weekly review");
            }
            return null;
        });
        long before = count("SELECT max(id) FROM audit_log");
        clock.set(START.atOffset(ZoneOffset.UTC).plusMonths(85).toInstant());
        services.audit().record("dsl", "capture.view", "capture:kept");

        PurgeReport report = services.retention().withBatchSize(150).run("retention");

        assertEquals(before, report.auditEntries());
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE id <= " + before));
        assertEquals((before + 149) / 150, count("SELECT count(*) FROM audit_log WHERE target = 'audit_log'"),
                "one tombstone per batch of 150");
        assertEquals(before, count("SELECT removed_through FROM audit_chain_tail"));
        AuditCommand.Outcome verify = AuditCommand.run(List.of("verify", "--data", dataDir.toString()), clock);
        assertEquals(0, verify.exitStatus(), verify.text());
    }

    @Test
    void aBatchOfManyCapturesTakesEachOnesNotesAuditWordsAndFilesButNotAFileAnotherStillUses() {
        byte[][] images = new byte[7][];
        long[] ids = new long[7];
        for (int i = 0; i < ids.length; i++) {
            images[i] = Events.ONE_PIXEL_PNG.clone();
            images[i][images[i].length - 1] ^= (byte) (i + 2);
            ids[i] = capture("bsmith", images[i]);
            decide(ids[i], "FALSE_POSITIVE", START);
            sql("INSERT INTO capture_notes (capture_id, author, created_at, body) VALUES (" + ids[i] + ", 'dsl', 0,"
                    + " 'note " + i + "')");
            services.audit().record("dsl", "capture.status", "capture:" + ids[i], "false positive " + i);
        }
        long keeps = capture("bsmith", images[3]); // still open, and shares capture 3's file
        clock.set(START.plus(Duration.ofDays(31)));

        PurgeReport report = services.retention().withBatchSize(3).run("retention");

        assertEquals(7, report.captures());
        assertEquals(List.of(keeps), ids("SELECT id FROM captures"));
        assertEquals(0, count("SELECT count(*) FROM capture_notes"));
        assertEquals(0, count("SELECT count(*) FROM audit_log WHERE target LIKE 'capture:%' AND detail IS NOT NULL"));
        assertEquals(7, count("SELECT count(*) FROM audit_log WHERE target LIKE 'capture:%'"), "the entries stay");
        assertEquals(3, count("SELECT count(*) FROM audit_log WHERE action = 'retention.purge'"
                + " AND target = 'captures'"), "batches of 3, 3 and 1, each with its tombstone");
        assertEquals(List.of(sha256Of(keeps) + ".png"), screenshotFiles().stream()
                .map(file -> file.getFileName().toString()).toList());
        assertTrue(new AuditChainCheck(services.audit()).run().intact());
    }

    @Test
    void twoRunsAtOnceShareTheWorkAndTheirTombstonesCountEachCaptureOnce() throws Exception {
        for (int i = 0; i < 120; i++) {
            decide(capture("pupil" + i, Events.ONE_PIXEL_PNG), "FALSE_POSITIVE", START);
        }
        clock.set(START.plus(Duration.ofDays(31)));
        RetentionPurge purge = services.retention().withBatchSize(10);

        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<PurgeReport> daily = runs.submit(() -> purge.run("retention"));
            Future<PurgeReport> onDemand = runs.submit(() -> purge.run("cli:admin"));
            assertEquals(120, daily.get(60, TimeUnit.SECONDS).captures() + onDemand.get(60, TimeUnit.SECONDS)
                    .captures());
        } finally {
            runs.shutdownNow();
        }
        assertEquals(0, count("SELECT count(*) FROM captures"));
        assertEquals(120, count("SELECT sum(CAST(substr(detail, 1, instr(detail, ' ') - 1) AS INTEGER))"
                + " FROM audit_log WHERE action = 'retention.purge' AND target = 'captures'"));
        assertEquals(List.of(), screenshotFiles(), "the shared file went once no capture used it");
    }

    @Test
    void screenshotFilesNoCaptureUsesAreSweptOnceOldEnoughForACrashToHaveLeftThem() throws Exception {
        Path leftByACrash = storedFile(Events.ONE_PIXEL_PNG);
        Files.setLastModifiedTime(leftByACrash, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path beingStoredNow = storedFile(OTHER_PNG);

        PurgeReport report = services.retention().run("retention");

        assertEquals(1, report.files());
        assertFalse(Files.exists(leftByACrash));
        assertTrue(Files.exists(beingStoredNow), "a new file may belong to a capture not committed yet");
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedAndChangesAreAudited() {
        services.settings().change("dsl", Setting.RETENTION_FALSE_POSITIVE_DAYS, "14");
        assertEquals("30 -> 14", text("SELECT detail FROM audit_log WHERE target = 'retention.false_positive_days'"));
        assertEquals("Give a whole number of months from 12 to 1200.", assertThrowsRequest(
                () -> services.settings().change("dsl", Setting.RETENTION_AUDIT_MONTHS, "3")));
    }

    private static String assertThrowsRequest(Executable change) {
        return assertThrows(InvalidRequest.class, change).getMessage();
    }

    private long capture(String pupil, byte[] png) {
        String eventId = UUID.randomUUID().toString();
        services.captures().storeIfAbsent(new NewCapture(eventId, deviceId, System.nanoTime(), clock.millis(), pupil,
                "Chat", "chrome", "bullying", 3, "bullying.txt:1", "loser", "you are such a loser", 16, 21, "listed",
                Optional.of(new ScreenshotImage(png, "image/png", 1, 1))));
        return count("SELECT id FROM captures WHERE event_id = '" + eventId + "'");
    }

    private String sha256Of(long captureId) {
        return text("SELECT screenshot_sha256 FROM captures WHERE id = " + captureId);
    }

    private void decide(long captureId, String status, Instant at) {
        sql("UPDATE captures SET status = '" + status + "', status_changed_at = " + at.toEpochMilli()
                + " WHERE id = " + captureId);
    }

    private void close(long captureId, Instant at) {
        sql("UPDATE captures SET status = 'CLOSED', status_changed_at = " + at.toEpochMilli()
                + ", outcome = 'POLICE', escalated_to = 'PC 123', closed_by = 'dsl', closed_at = " + at.toEpochMilli()
                + " WHERE id = " + captureId);
    }

    private void hold(String scope, String target) {
        sql("INSERT INTO legal_holds (scope, target, reason, placed_by, placed_at) VALUES ('" + scope + "', '"
                + target + "', 'police request', 'dsl', 0)");
    }

    private Path storedFile(byte[] png) {
        String sha256 = services.screenshots().put(png, "image/png").sha256();
        return dataDir.resolve("screenshots").resolve(sha256.substring(0, 2)).resolve(sha256 + ".png");
    }

    private List<Path> screenshotFiles() {
        try (Stream<Path> files = Files.walk(dataDir.resolve("screenshots"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void sql(String statement) {
        assertNull(Db.tryUpdate(dataDir, statement), statement);
    }

    private long count(String sql) {
        return Db.count(dataDir, sql);
    }

    private String text(String sql) {
        return Db.text(dataDir, sql);
    }

    private List<Long> ids(String sql) {
        String joined = Db.text(dataDir, "SELECT group_concat(id) FROM (" + sql + ")");
        return joined == null ? List.of() : Stream.of(joined.split(",")).map(Long::parseLong).toList();
    }
}
