package org.vigil.console.store;

import java.time.Instant;

/** An incident as the list shows it: how many captures and pupils it links, and the most severe of its captures. */
public record IncidentSummary(long id, String title, CaptureStatus status, String createdBy, Instant createdAt,
                              int captures, int pupils, int maxSeverity) {
}
