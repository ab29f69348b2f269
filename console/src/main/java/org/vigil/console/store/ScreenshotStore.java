package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where screenshot bytes live, addressed by their SHA-256: files in the data directory, or an S3-compatible object
 * store (ADR 0174). Every implementation keeps the same promises, which the retention purge and ingest rely on.
 */
public interface ScreenshotStore extends AutoCloseable {

    /**
     * Stores the image durably (when this returns it survives a crash of the console and of the store) and returns
     * its address. Idempotent: the same bytes are written once; storing them again records that a capture uses them
     * now, which {@link #deleteIfNotStoredSince} respects.
     *
     * @throws StoreException if the image could not be stored (nothing half-stored is ever visible)
     */
    StoredScreenshot put(byte[] data, String mediaType);

    /**
     * The image's bytes, checked against their SHA-256.
     *
     * @throws StoreException if the store cannot be read, or the stored bytes no longer match their address
     */
    Optional<byte[]> get(String sha256, String mediaType);

    /** Whether an image is stored at this address. */
    boolean exists(String sha256, String mediaType);

    /**
     * Removes the stored image if it was last stored before {@code since}; an image stored again since then (the
     * same screenshot in a new capture) stays.
     */
    void deleteIfNotStoredSince(String sha256, String mediaType, Instant since);

    /**
     * Removes images last stored before {@code before} that {@code inUse} says no capture refers to (by SHA-256),
     * and anything a crashed write left behind; newer ones may belong to a capture still being stored. Returns how
     * many were removed.
     */
    int removeUnused(Predicate<String> inUse, Instant before);

    /** Where the images are, for logs and messages (never credentials). */
    String describe();

    /** Releases connections; the default has none. */
    @Override
    default void close() {
    }

    /** A stored image's address and type. */
    record StoredScreenshot(String sha256, String mediaType) {
    }
}
