package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.retention.PurgeReport;
import org.vigil.console.store.ContentAddress;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.objectstore.S3Environment;
import org.vigil.console.store.objectstore.S3ProxyServer;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.testing.SettableClock;

/**
 * The retention purge (ADR 0142) on a console whose screenshots are objects in a real S3-compatible server
 * (S3Proxy): an object goes only once no capture uses it, and objects a crash left are swept once old enough.
 */
class RetentionPurgeOnObjectStoreTest {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final byte[] SHARED = png(1);
    private static final byte[] OWN = png(2);

    @TempDir
    Path dataDir;
    private final SettableClock clock = new SettableClock(START);
    private final S3ProxyServer s3 = S3ProxyServer.shared();
    private String bucket;
    private ConsoleServices services;
    private String deviceId;

    @BeforeEach
    void console() throws Exception {
        bucket = s3.newBucket();
        ScreenshotPlace.objectStore(s3.settings(bucket, "")).record(dataDir);
        Path credentials = dataDir.resolve(S3Environment.CREDENTIALS_FILE);
        Files.writeString(credentials, "access-key-id=" + S3ProxyServer.CREDENTIALS.accessKeyId()
                + "\nsecret-access-key=" + S3ProxyServer.CREDENTIALS.secretAccessKey() + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
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
    void anObjectGoesWithTheLastCaptureThatUsesItAndNotBefore() {
        long old = capture(SHARED);
        long recent = capture(SHARED);
        long own = capture(OWN);
        falsePositive(old, START);
        falsePositive(recent, START.plus(Duration.ofDays(20)));
        falsePositive(own, START);
        clock.set(START.plus(Duration.ofDays(31)));

        PurgeReport first = services.retention().run("retention");

        assertEquals(2, first.captures());
        assertTrue(Files.exists(object(SHARED)), "the capture still using it keeps it");
        assertFalse(Files.exists(object(OWN)), "no capture uses it any more");

        clock.set(START.plus(Duration.ofDays(51)));
        assertEquals(1, services.retention().run("retention").captures());
        assertFalse(Files.exists(object(SHARED)));
    }

    @Test
    void objectsNoCaptureUsesAreSweptOnceOldEnoughForACrashToHaveLeftThem() throws Exception {
        services.screenshots().put(SHARED, "image/png");
        services.screenshots().put(OWN, "image/png");
        // S3Proxy's filesystem backend gives a file's time as the object's last-modified time
        Files.setLastModifiedTime(object(SHARED), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        PurgeReport report = services.retention().run("retention");

        assertEquals(1, report.files());
        assertFalse(Files.exists(object(SHARED)));
        assertTrue(Files.exists(object(OWN)), "a new object may belong to a capture not committed yet");
    }

    private long capture(byte[] png) {
        String eventId = UUID.randomUUID().toString();
        services.captures().storeIfAbsent(new NewCapture(eventId, deviceId, System.nanoTime(), clock.millis(),
                "bsmith", "Chat", "chrome", "bullying", 3, "bullying.txt:1", "loser", "you are such a loser", 16, 21,
                "listed", Optional.of(new ScreenshotImage(png, "image/png", 1, 1))));
        return Db.count(dataDir, "SELECT id FROM captures WHERE event_id = ?", eventId);
    }

    private void falsePositive(long captureId, Instant at) {
        assertNull(Db.tryUpdate(dataDir, "UPDATE captures SET status = 'FALSE_POSITIVE', status_changed_at = "
                + at.toEpochMilli() + " WHERE id = " + captureId));
    }

    private Path object(byte[] png) {
        return s3.objectFile(bucket, ContentAddress.relativePath(Hashes.sha256Hex(png), "image/png"));
    }

    private static byte[] png(int n) {
        byte[] png = Events.ONE_PIXEL_PNG.clone();
        png[png.length - 1] = (byte) (png[png.length - 1] + 40 + n);
        return png;
    }
}
