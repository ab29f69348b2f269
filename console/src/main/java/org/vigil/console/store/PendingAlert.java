package org.vigil.console.store;

import java.time.Instant;

/**
 * An undelivered alert with what its message may say about the capture: category, severity, time, pupil (OS
 * login) and device. Deliberately not the matched text, context, window title or screenshot.
 *
 * @param recipient the email address, or {@link NewAlert#WEBHOOK_RECIPIENT}
 */
public record PendingAlert(String alertId, long captureId, AlertChannel channel, String recipient, int attempts,
                           String category, int severity, Instant occurredAt, String osUser, String hostname) {
}
