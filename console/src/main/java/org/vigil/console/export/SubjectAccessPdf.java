package org.vigil.console.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.vigil.console.export.PupilRecords.PupilCapture;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureAlertRecord;
import org.vigil.console.store.Justification;
import org.vigil.console.store.Note;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.SubjectAccessRepository.NoticeShownToPupil;

/** The readable half of a subject access export: {@code summary.pdf}, the same records as the JSON, for people. */
final class SubjectAccessPdf {
    private SubjectAccessPdf() {
    }

    static byte[] of(PupilRecords records) throws IOException {
        try (PdfPages pdf = new PdfPages()) {
            pdf.title("Vigil subject access request: " + records.login());
            pdf.paragraph("Everything Vigil holds about the pupil who signs in as " + records.login() + ", exported"
                    + " by " + records.exportedBy() + " at " + records.exportedAt() + ".");
            pdf.field("Request", records.request());
            if (records.directory().isPresent()) {
                Pupil pupil = records.directory().get();
                pdf.heading("The pupil as the school's MIS or directory lists them");
                pdf.field("Name", pupil.fullName());
                pdf.field("Year and form", pupil.yearAndForm());
                pdf.field("Flags", pupil.flags().labels().isEmpty() ? "none"
                        : String.join(", ", pupil.flags().labels()));
                pdf.field("From", pupil.source());
                pdf.field("Logins", String.join(", ", records.linkedLogins()));
            }
            pdf.paragraph(records.captures().size() + " captures, " + records.screenshots() + " screenshots (files in"
                    + " the screenshots folder), " + records.alerts().size() + " alerts, " + records.audit().size()
                    + " audit entries, " + records.notices().size() + " sign-in notices shown. The same records are"
                    + " in records.json for machines.");
            for (PupilCapture item : records.captures()) {
                capture(pdf, item);
            }
            pdf.heading("Alerts sent to staff about these captures");
            if (records.alerts().isEmpty()) {
                pdf.paragraph("None.");
            }
            for (CaptureAlertRecord alert : records.alerts()) {
                pdf.paragraph(alert.createdAt() + "  capture " + alert.captureId() + "  " + alert.kind() + " by "
                        + alert.channel() + " to " + alert.recipient() + "  "
                        + alert.deliveredAt().map(at -> "delivered " + at).orElse("not delivered"));
            }
            pdf.heading("Audit log entries about the pupil or their captures");
            for (AuditEntry entry : records.audit()) {
                pdf.paragraph(entry.occurredAt() + "  " + entry.actor() + "  " + entry.action() + "  "
                        + entry.target() + (entry.detail() == null ? "" : ": " + entry.detail()));
            }
            pdf.heading("Sign-in notices shown to the pupil");
            if (records.notices().isEmpty()) {
                pdf.paragraph("None recorded.");
            }
            for (NoticeShownToPupil notice : records.notices()) {
                pdf.paragraph(notice.shownAt() + "  device " + notice.deviceId() + "  as " + notice.shownAs());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static void capture(PdfPages pdf, PupilCapture item) throws IOException {
        Capture c = item.capture();
        pdf.heading("Capture " + c.id() + ": " + c.category() + ", severity " + c.severity());
        pdf.field("What was typed", c.context());
        pdf.field("Matched", c.matchedText() + " (rule " + c.ruleId() + ": " + c.explanation() + ")");
        pdf.field("Window and app", c.windowTitle() + " (" + c.app() + ")");
        pdf.field("Device", c.deviceHostname() + " (" + c.deviceId() + ")");
        pdf.field("Happened / received", c.occurredAt() + " / " + c.receivedAt());
        pdf.field("Status", c.status() + item.closure().map(closure -> "; outcome " + closure.outcome().label()
                + ", escalated to " + closure.escalatedTo() + ", closed by " + closure.closedBy() + " at "
                + closure.closedAt()).orElse(""));
        pdf.field("Screenshot", item.screenshotFile().orElse(c.screenshot().isPresent()
                ? "the file is missing from the console's store" : "none"));
        for (Note note : item.notes()) {
            pdf.field("Note by " + note.author() + ", " + note.createdAt(), note.body());
        }
        for (Justification reason : item.justifications()) {
            pdf.field("Reason " + reason.username() + " gave for viewing the screenshot, " + reason.createdAt(),
                    reason.text());
        }
    }
}
