package org.vigil.console.store;

import java.util.Optional;

/**
 * What narrows the triage queue; every part is optional. Times are epoch milliseconds, {@code from} inclusive and
 * {@code until} exclusive; {@code minSeverity} keeps captures of that severity or higher; {@code openAssignedTo}
 * keeps the {@link CaptureStatus#OPEN open} captures assigned to that user ("Assigned to me").
 */
public record QueueFilter(Optional<CaptureStatus> status, Optional<String> category, Optional<Integer> minSeverity,
                          Optional<String> pupil, Optional<String> deviceId, Optional<Long> from,
                          Optional<Long> until, Optional<Long> openAssignedTo) {

    public static QueueFilter none() {
        return new QueueFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static QueueFilter byStatus(CaptureStatus status) {
        return none().withStatus(Optional.of(status));
    }

    public QueueFilter withStatus(Optional<CaptureStatus> newStatus) {
        return new QueueFilter(newStatus, category, minSeverity, pupil, deviceId, from, until, openAssignedTo);
    }

    public QueueFilter withOpenAssignedTo(Optional<Long> userId) {
        return new QueueFilter(status, category, minSeverity, pupil, deviceId, from, until, userId);
    }
}
