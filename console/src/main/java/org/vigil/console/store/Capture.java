package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** A stored capture with everything known about it, and the school it belongs to. */
public record Capture(long id, String eventId, String deviceId, String deviceHostname, long seq,
                      Instant occurredAt, Instant receivedAt, String osUser, String windowTitle, String app,
                      String category, int severity, String ruleId, String matchedText, String context,
                      int matchStart, int matchEnd, String explanation, Optional<ScreenshotRef> screenshot,
                      String status, long schoolId) {
}
