package org.vigil.console.store;

import java.util.Optional;

/**
 * What narrows the triage queue; every part is optional. Times are epoch milliseconds, {@code from} inclusive and
 * {@code until} exclusive; {@code minSeverity} keeps captures of that severity or higher; {@code openAssignedTo}
 * keeps the {@link CaptureStatus#OPEN open} captures assigned to that user ("Assigned to me"). {@code pupil} is any
 * part of the login or of the directory's name, any case; {@code yearGroup} and {@code form} are the directory's,
 * exactly (ADR 0151).
 */
public record QueueFilter(Optional<CaptureStatus> status, Optional<String> category, Optional<Integer> minSeverity,
                          Optional<String> pupil, Optional<String> deviceId, Optional<Long> from,
                          Optional<Long> until, Optional<Long> openAssignedTo, Optional<String> yearGroup,
                          Optional<String> form) {

    public static QueueFilter none() {
        return new QueueFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public static QueueFilter byStatus(CaptureStatus status) {
        return none().withStatus(Optional.of(status));
    }

    public QueueFilter withStatus(Optional<CaptureStatus> newStatus) {
        return new QueueFilter(newStatus, category, minSeverity, pupil, deviceId, from, until, openAssignedTo,
                yearGroup, form);
    }

    public QueueFilter withOpenAssignedTo(Optional<Long> userId) {
        return new QueueFilter(status, category, minSeverity, pupil, deviceId, from, until, userId, yearGroup, form);
    }

    public QueueFilter withPupil(Optional<String> newPupil) {
        return new QueueFilter(status, category, minSeverity, newPupil, deviceId, from, until, openAssignedTo,
                yearGroup, form);
    }

    public QueueFilter withYearGroupAndForm(Optional<String> newYearGroup, Optional<String> newForm) {
        return new QueueFilter(status, category, minSeverity, pupil, deviceId, from, until, openAssignedTo,
                newYearGroup, newForm);
    }
}
