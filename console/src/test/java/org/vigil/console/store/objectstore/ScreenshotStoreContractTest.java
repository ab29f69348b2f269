package org.vigil.console.store.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigil.console.store.ContentAddress;
import org.vigil.console.store.Database;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.ScreenshotStore.StoredScreenshot;
import org.vigil.console.store.StoreException;
import org.vigil.console.store.postgresql.PostgresBackend;
import org.vigil.console.store.postgresql.PostgresScreenshotStore;
import org.vigil.console.store.postgresql.TestPostgres;

/**
 * The promises every screenshot store keeps (ADR 0174, 0179), checked on each: files in a real directory, objects
 * in a real S3-compatible server (S3Proxy, in its own JVM) through the AWS SDK, and rows of a real PostgreSQL
 * database (the tests' server, ADR 0171; skipped with the reason where there is none).
 */
class ScreenshotStoreContractTest {
    private static final byte[] PNG = "a screenshot's bytes, standing in for a PNG".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another screenshot".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private ScreenshotStore store;
    private Backend backend;

    /** A store, and where its bytes end up (a file of ours, the file S3Proxy keeps an object in, a table's row). */
    enum Kind {
        FILES {
            @Override
            Backend open(Path dir) {
                Path root = dir.resolve("screenshots");
                return new OnDisk(new FileScreenshotStore(root), root);
            }
        },
        S3 {
            @Override
            Backend open(Path dir) {
                S3ProxyServer server = S3ProxyServer.shared();
                String bucket = server.newBucket();
                return new OnDisk(S3ScreenshotStore.open(server.settings(bucket, "school-a/shots"),
                        Optional.of(S3ProxyServer.CREDENTIALS)), server.objectFile(bucket, "school-a/shots"));
            }
        },
        POSTGRESQL {
            @Override
            Backend open(Path dir) {
                Assumptions.assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
                TestPostgres.Fresh fresh = TestPostgres.freshDatabase(TestPostgres.server().orElseThrow());
                Database database = Database.open(PostgresBackend.connect(fresh.url(), fresh.credentials()));
                return new InTable(new PostgresScreenshotStore(database), database, fresh);
            }
        };

        abstract Backend open(Path dir);
    }

    /** A store under test, and a way to reach its bytes behind its back. */
    interface Backend {
        ScreenshotStore store();

        byte[] rawBytes(String sha256, String mediaType);

        void overwrite(String sha256, String mediaType, byte[] data);

        long stored();

        default void release() {
        }
    }

    /** The images in the database's {@code screenshot_images} table. */
    record InTable(ScreenshotStore store, Database database, TestPostgres.Fresh fresh) implements Backend {
        @Override
        public byte[] rawBytes(String sha256, String mediaType) {
            return database.withConnection(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT data FROM screenshot_images"
                        + " WHERE sha256 = ? AND media_type = ?")) {
                    select.setString(1, sha256);
                    select.setString(2, mediaType);
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? rows.getBytes(1) : null;
                    }
                }
            });
        }

        @Override
        public void overwrite(String sha256, String mediaType, byte[] data) {
            database.withConnection(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE screenshot_images SET data = ?"
                        + " WHERE sha256 = ? AND media_type = ?")) {
                    update.setBytes(1, data);
                    update.setString(2, sha256);
                    update.setString(3, mediaType);
                    return update.executeUpdate();
                }
            });
        }

        @Override
        public long stored() {
            return database.withConnection(c -> {
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM screenshot_images");
                     ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }

        @Override
        public void release() {
            database.close();
            fresh.close();
        }
    }

    /** The images as files: ours, or the ones S3Proxy keeps its objects in. */
    record OnDisk(ScreenshotStore store, Path bytesRoot) implements Backend {
        Path bytesOf(String sha256, String mediaType) {
            return bytesRoot.resolve(ContentAddress.relativePath(sha256, mediaType));
        }

        @Override
        public byte[] rawBytes(String sha256, String mediaType) {
            return readAll(bytesOf(sha256, mediaType));
        }

        @Override
        public void overwrite(String sha256, String mediaType, byte[] data) {
            try {
                Files.write(bytesOf(sha256, mediaType), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long stored() {
            if (!Files.isDirectory(bytesRoot)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(bytesRoot)) {
                return files.filter(Files::isRegularFile)
                        .filter(file -> ContentAddress.sha256Of(bytesRoot.relativize(file).toString()).isPresent())
                        .count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.release();
        }
    }

    private Backend open(Kind kind) {
        backend = kind.open(dir);
        store = backend.store();
        return backend;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anImageIsStoredUnderItsSha256AndReadBackWhole(Kind kind) {
        Backend backend = open(kind);
        String sha256 = Hashes.sha256Hex(PNG);
        assertFalse(store.exists(sha256, "image/png"));

        StoredScreenshot stored = store.put(PNG, "image/png");

        assertEquals(new StoredScreenshot(sha256, "image/png"), stored);
        assertTrue(store.exists(sha256, "image/png"));
        assertFalse(store.exists(sha256, "image/jpeg"), "the type is part of the address");
        assertArrayEquals(PNG, store.get(sha256, "image/png").orElseThrow());
        assertArrayEquals(PNG, backend.rawBytes(sha256, "image/png"), "kept under its address, whole");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameBytesAreStoredOnce(Kind kind) {
        Backend backend = open(kind);
        StoredScreenshot first = store.put(PNG, "image/png");
        StoredScreenshot again = store.put(PNG.clone(), "image/png");
        store.put(OTHER, "image/png");

        assertEquals(first, again);
        assertEquals(2, backend.stored());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anImageNeverStoredIsNotThere(Kind kind) {
        open(kind);
        assertEquals(Optional.empty(), store.get(Hashes.sha256Hex(OTHER), "image/png"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAlteredImageIsRefusedWithTheReason(Kind kind) throws IOException {
        Backend backend = open(kind);
        String sha256 = store.put(PNG, "image/png").sha256();
        backend.overwrite(sha256, "image/png", OTHER);

        StoreException refused = assertThrows(StoreException.class, () -> store.get(sha256, "image/png"));

        assertTrue(refused.getMessage().contains("does not match its SHA-256"), refused.getMessage());
        assertTrue(refused.getMessage().contains(Hashes.sha256Hex(OTHER)), refused.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAddressThatIsNotASha256OrATypeThatIsNotAnImageIsRefused(Kind kind) {
        open(kind);
        assertThrows(IllegalArgumentException.class, () -> store.get("../../etc/passwd", "image/png"));
        assertThrows(IllegalArgumentException.class, () -> store.put(PNG, "text/html"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anImageStoredBeforeTheRunStartedIsDeletedButOneStoredAgainSinceStays(Kind kind) throws Exception {
        open(kind);
        String old = store.put(PNG, "image/png").sha256();
        String reused = store.put(OTHER, "image/png").sha256();
        Thread.sleep(20);
        Instant runStart = Instant.now();
        Thread.sleep(20);
        store.put(OTHER, "image/png"); // a new capture uses it again while the run decides

        store.deleteIfNotStoredSince(old, "image/png", runStart);
        store.deleteIfNotStoredSince(reused, "image/png", runStart);
        store.deleteIfNotStoredSince(old, "image/png", runStart); // already gone: nothing to do

        assertFalse(store.exists(old, "image/png"));
        assertTrue(store.exists(reused, "image/png"));
        assertArrayEquals(OTHER, store.get(reused, "image/png").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSweepRemovesOnlyOldImagesNoCaptureUses(Kind kind) throws Exception {
        Backend backend = open(kind);
        String unused = store.put(PNG, "image/png").sha256();
        String used = store.put(OTHER, "image/png").sha256();
        Set<String> inUse = Set.of(used);

        assertEquals(0, store.removeUnused(inUse::contains, Instant.now().minusSeconds(3600)),
                "too new: may belong to a capture not committed yet");
        assertEquals(1, store.removeUnused(inUse::contains, Instant.now().plusSeconds(5)));

        assertFalse(store.exists(unused, "image/png"));
        assertTrue(store.exists(used, "image/png"));
        assertEquals(1, backend.stored());
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
