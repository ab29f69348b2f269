package org.vigil.console.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureAlertRecord;
import org.vigil.console.store.Closure;
import org.vigil.console.store.Justification;
import org.vigil.console.store.Note;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.SubjectAccessRepository.NoticeShownToPupil;

/**
 * Everything Vigil holds about one pupil, gathered for a subject access request; {@code directory} is the pupil's
 * entry from the MIS or directory (name, year, form, flags), if the login belongs to one, and {@code linkedLogins}
 * every login linked to that pupil in their school (ADR 0206).
 */
record PupilRecords(String login, String exportedBy, String request, Instant exportedAt, List<PupilCapture> captures,
                    List<CaptureAlertRecord> alerts, List<AuditEntry> audit, List<NoticeShownToPupil> notices,
                    Optional<Pupil> directory, List<String> linkedLogins) {

    /** A capture with what the DSLs added to it; {@code screenshotFile} is its name in the zip, if it has one. */
    record PupilCapture(Capture capture, Optional<Closure> closure, List<Note> notes,
                        List<Justification> justifications, Optional<String> screenshotFile) {
    }

    long screenshots() {
        return captures.stream().filter(c -> c.screenshotFile().isPresent()).count();
    }
}
