package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One capture as the queue and the histories list it; {@code pupil} is the computer login, {@code directoryPupil}
 * who that is, if the directory knows (ADR 0151).
 */
public record QueueItem(long id, Instant occurredAt, int severity, String category, String pupil, String deviceId,
                        String deviceHostname, String matchedText, CaptureStatus status, Optional<String> assignee,
                        Optional<Pupil> directoryPupil) {

    public QueueCursor cursor() {
        return new QueueCursor(severity, occurredAt.toEpochMilli(), id);
    }
}
