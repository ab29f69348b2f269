package org.vigil.console.store;

import java.time.Instant;

/**
 * What an alert may say about a capture: category, severity, time, pupil (OS login) and device. Deliberately not
 * the matched text, context, window title or screenshot: email and webhooks are not safe places for them.
 */
public record CaptureFacts(long captureId, String category, int severity, Instant occurredAt, String osUser,
                           String hostname) {
}
