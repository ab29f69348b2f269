package org.vigil.console.retention;

import java.time.Instant;
import java.util.Set;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.ScreenshotRef;

/**
 * Removes the files of screenshots that deleted captures let go, after the deletion committed: only a file no
 * capture still refers to (several can share one; one query asks for the whole batch) and not stored again since
 * {@code since} (ADRs 0142, 0144).
 */
final class ReleasedScreenshots {
    private final RetentionRepository store;
    private final ScreenshotStore files;

    ReleasedScreenshots(RetentionRepository store, ScreenshotStore files) {
        this.store = store;
        this.files = files;
    }

    void remove(Set<ScreenshotRef> released, Instant since) {
        Set<String> inUse = store.screenshotsInUse(released.stream().map(ScreenshotRef::sha256).toList());
        for (ScreenshotRef screenshot : released) {
            if (!inUse.contains(screenshot.sha256())) {
                files.deleteIfNotStoredSince(screenshot.sha256(), screenshot.mediaType(), since);
            }
        }
    }
}
