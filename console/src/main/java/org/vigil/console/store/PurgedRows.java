package org.vigil.console.store;

import java.util.Set;

/**
 * What one retention batch removed: how many rows it actually changed (the tombstone's number) and the screenshots
 * they referred to, whose files may go once the batch has committed.
 */
public record PurgedRows(int count, Set<ScreenshotRef> screenshots) {
    public PurgedRows {
        screenshots = Set.copyOf(screenshots);
    }
}
