package org.vigil.console.store;

import java.util.Optional;

/** A validated event from a device, about to be stored. Times are epoch milliseconds. */
public record NewCapture(String eventId, String deviceId, long seq, long occurredAt, String osUser,
                         String windowTitle, String app, String category, int severity, String ruleId,
                         String matchedText, String context, int matchStart, int matchEnd, String explanation,
                         Optional<ScreenshotImage> screenshot) {
}
