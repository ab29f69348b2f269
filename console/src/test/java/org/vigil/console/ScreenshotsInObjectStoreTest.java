package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.ContentAddress;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.objectstore.S3Environment;
import org.vigil.console.store.objectstore.S3ProxyServer;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

/**
 * A real console whose data directory says {@code --screenshots s3://bucket/school-a} (ADR 0174), with agents over
 * real gRPC and TLS, a DSL over real HTTP and a real S3-compatible server (S3Proxy, in a JVM of its own that the
 * test can kill): screenshots land in the bucket and nowhere else, the justified view, the case export and the
 * subject access zip read them back, deleting a capture removes an object only when no other capture uses it, and
 * a store that dies mid-ingest leaves the event unacknowledged for the agent to send again.
 */
class ScreenshotsInObjectStoreTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String PREFIX = "school-a";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static String bucket;
    private static Path dataDir;
    private static Console console;
    private static WebSession dsl;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.startPrivate(dir.resolve("s3"));
        bucket = s3.newBucket();
        dataDir = dir.resolve("console");
        ScreenshotPlace.objectStore(s3.settings(bucket, PREFIX)).record(dataDir);
        Path credentials = dataDir.resolve(S3Environment.CREDENTIALS_FILE);
        Files.writeString(credentials, "access-key-id=" + S3ProxyServer.CREDENTIALS.accessKeyId()
                + "\nsecret-access-key=" + S3ProxyServer.CREDENTIALS.secretAccessKey() + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        dsl = WebSession.newUser(console, admin, "s3-dsl", "DSL");
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        s3.close();
    }

    @Test
    void aSensitiveScreenshotIsInTheBucketWhenAckedAndShownOnlyAfterAJustification() throws Exception {
        byte[] png = distinctPng(1);
        long id = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setCategory("cse-grooming")
                .setScreenshot(screenshot(png)).build())).get(0);

        assertArrayEquals(png, Files.readAllBytes(object(png)), "in the bucket under the prefix, by its SHA-256");
        assertFalse(Files.exists(dataDir.resolve("screenshots").resolve(ContentAddress.relativePath(
                Hashes.sha256Hex(png), "image/png"))), "and not in the data directory");
        assertTrue(console.screenshotStore().contains("s3://" + bucket + "/" + PREFIX), console.screenshotStore());
        assertEquals(403, dsl.getBytes("/captures/" + id + "/screenshot").statusCode());

        dsl.post("/captures/" + id + "/justification", Map.of("justification",
                "Pupil disclosed to form tutor; need to see who the contact is"));
        HttpResponse<byte[]> image = dsl.getBytes("/captures/" + id + "/screenshot");

        assertEquals(200, image.statusCode());
        assertArrayEquals(png, image.body());
    }

    @Test
    void theCaseExportAndTheSubjectAccessZipReadTheScreenshotFromTheBucket() throws Exception {
        byte[] png = distinctPng(2);
        long id = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setUser("s3-pupil")
                .setScreenshot(screenshot(png)).build())).get(0);

        HttpResponse<byte[]> pdf = dsl.getBytes("/captures/" + id + "/export.pdf");
        assertEquals(200, pdf.statusCode());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertEquals(1, images(document), "the screenshot is in the case export");
        }
        HttpResponse<byte[]> zip = dsl.postForBytes("/history/pupil/subject-access", Map.of("name", "s3-pupil",
                "request", "mother's letter, 4 March"));
        assertEquals(200, zip.statusCode());
        assertArrayEquals(png, SubjectAccessCommandTest.unzip(zip.body()).get("screenshots/capture-" + id + ".png"));
    }

    @Test
    void deletingACaptureRemovesItsObjectOnlyOnceNoCaptureUsesIt() throws Exception {
        byte[] png = distinctPng(3);
        List<Long> ids = Seeder.send(console, dataDir, List.of(
                Events.withScreenshot().setSeverity(3).setScreenshot(screenshot(png)).build(),
                Events.withScreenshot().setSeverity(3).setSeq(2).setScreenshot(screenshot(png)).build()));
        assertNotEquals(ids.get(0), ids.get(1));

        delete(ids.get(0));
        assertTrue(Files.exists(object(png)), "the other capture still uses it");
        delete(ids.get(1));

        assertFalse(Files.exists(object(png)), "the last capture using it is gone, and so is the object");
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE screenshot_sha256 = ?",
                Hashes.sha256Hex(png)));
    }

    @Test
    void aStoreThatDiesMidIngestLeavesTheEventUnackedAndItIsStoredOnceWhenSentAgain() throws Exception {
        byte[] png = distinctPng(4);
        Event event = Events.withScreenshot().setScreenshot(screenshot(png)).build();
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            EnrollResponse device = client.enroll(console.mintEnrolmentToken());
            s3.kill();
            try {
                try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(),
                        device.getDeviceSecret())) {
                    stream.send(event);
                    Status ended = stream.awaitEnd(WAIT);
                    assertEquals(Status.Code.UNAVAILABLE, ended.getCode(), "told to retry: " + ended);
                    assertNull(stream.poll(Duration.ZERO), "no ack for what was not stored");
                }
                assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?",
                        event.getEventId()), "no capture without its screenshot");
            } finally {
                s3.start();
            }
            try (DeviceStream again = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
                again.send(event);
                ConsoleMessage ack = again.take(WAIT);
                assertEquals(event.getEventId(), ack.getAck().getEventId(), "acked: " + ack);
            }
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM captures WHERE event_id = ?", event.getEventId()));
        assertArrayEquals(png, Files.readAllBytes(object(png)), "whole, not half");
    }

    private static void delete(long id) throws Exception {
        HttpResponse<String> deleted = dsl.post("/captures/" + id + "/delete",
                Map.of("deletion_reason", "typed by a teacher demonstrating the filter"));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM captures WHERE id = ?", id));
    }

    /** The file S3Proxy keeps the object in. */
    private static Path object(byte[] png) {
        return s3.objectFile(bucket, PREFIX + "/" + ContentAddress.relativePath(Hashes.sha256Hex(png), "image/png"));
    }

    /** The test's PNG with its last byte changed: a screenshot no other test uses. */
    private static byte[] distinctPng(int n) {
        byte[] png = Events.ONE_PIXEL_PNG.clone();
        png[png.length - 1] = (byte) (png[png.length - 1] + 16 + n);
        return png;
    }

    private static Screenshot screenshot(byte[] png) {
        return Screenshot.newBuilder().setMediaType("image/png").setData(ByteString.copyFrom(png)).setWidth(1)
                .setHeight(1).build();
    }

    private static int images(PDDocument document) throws IOException {
        int count = 0;
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    count++;
                }
            }
        }
        return count;
    }
}
