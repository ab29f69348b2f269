package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** One alert Vigil queued about a capture: to whom, how, and whether it was delivered. */
public record CaptureAlertRecord(long captureId, String kind, String channel, String recipient, Instant createdAt,
                                 int attempts, Optional<Instant> deliveredAt, Optional<String> lastError) {
}
