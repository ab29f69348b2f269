package org.vigil.console.store;

import java.util.Optional;

/** Where screenshot bytes live, addressed by their SHA-256. */
public interface ScreenshotStore {

    /** Stores the image durably (it is on disk when this returns) and returns its address. Idempotent. */
    StoredScreenshot put(byte[] data, String mediaType);

    Optional<byte[]> get(String sha256, String mediaType);

    /** A stored image's address and type. */
    record StoredScreenshot(String sha256, String mediaType) {
    }
}
