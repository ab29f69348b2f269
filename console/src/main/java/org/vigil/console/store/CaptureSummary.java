package org.vigil.console.store;

import java.time.Instant;

/** One line of the captures list. */
public record CaptureSummary(long id, Instant occurredAt, int severity, String category, String osUser,
                             String deviceHostname, String matchedText, String status) {
}
