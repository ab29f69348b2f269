package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** One capture as the queue and the histories list it. */
public record QueueItem(long id, Instant occurredAt, int severity, String category, String pupil, String deviceId,
                        String deviceHostname, String matchedText, CaptureStatus status, Optional<String> assignee) {

    public QueueCursor cursor() {
        return new QueueCursor(severity, occurredAt.toEpochMilli(), id);
    }
}
