package org.vigil.console.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Closure;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.Incident;
import org.vigil.console.store.IncidentNote;
import org.vigil.console.store.Justification;
import org.vigil.console.store.Note;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.triage.Triage;

/**
 * One capture or one incident as a PDF to attach to the pupil's record in CPOMS or MyConcern (issue 14): the typed context with the
 * match marked, rule and explanation, window and app, pupil and device, times, the screenshot where the DSL may see
 * it, notes, reasons recorded for viewing the screenshot, status and outcome, and the audit trail of who viewed or
 * changed it. The export is audited and sets the capture's export time, from which a closed case's retention
 * counts (ADR 0142).
 */
public final class CaseExport {
    static final int AUDIT_TRAIL_ENTRIES = 500;

    private final CaptureRepository captures;
    private final TriageRepository triageStore;
    private final Triage triage;
    private final Incidents incidents;
    private final ScreenshotStore screenshots;
    private final AuditLog audit;
    private final Transactions transactions;
    private final PupilDirectory directory;

    public CaseExport(CaptureRepository captures, TriageRepository triageStore, Triage triage, Incidents incidents,
                      ScreenshotStore screenshots, AuditLog audit, Transactions transactions,
                      PupilDirectory directory) {
        this.directory = directory;
        this.captures = captures;
        this.triageStore = triageStore;
        this.triage = triage;
        this.incidents = incidents;
        this.screenshots = screenshots;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Writes the PDF of a capture; {@code withScreenshot} is the caller's decision (the DSL may see it: not a
     * sensitive category, or a justification recorded).
     */
    public void capture(String actor, long captureId, boolean withScreenshot, OutputStream out) throws IOException {
        Capture capture = captures.find(captureId).orElseThrow(() -> new InvalidRequest("There is no capture "
                + captureId + "."));
        try (PdfPages pdf = new PdfPages()) {
            pdf.title("Vigil safeguarding capture " + capture.id() + ": " + capture.category() + ", severity "
                    + capture.severity());
            section(pdf, capture, withScreenshot);
            pdf.paragraph("Exported by " + actor + ".");
            transactions.inTransaction(() -> {
                captures.markExported(captureId);
                audit.record(actor, "capture.export", "capture:" + captureId, "PDF"
                        + (withScreenshot && capture.screenshot().isPresent() ? " with the screenshot" : ""));
                return null;
            });
            pdf.save(out);
        }
    }

    /**
     * Writes the PDF of an incident: its title, status, outcome, notes and audit trail, then each of its captures as
     * {@link #capture} lays one out, each on its own page; {@code mayViewScreenshot} says for each capture id
     * whether its screenshot goes in.
     */
    public void incident(String actor, long incidentId, LongPredicate mayViewScreenshot, OutputStream out)
            throws IOException {
        Incident incident = incidents.find(incidentId).orElseThrow(() -> new InvalidRequest("There is no incident "
                + incidentId + "."));
        List<QueueItem> members = incidents.members(incidentId);
        try (PdfPages pdf = new PdfPages()) {
            pdf.title("Vigil safeguarding incident " + incident.id() + ": " + incident.title());
            pdf.field("Status", incident.status().label());
            pdf.field("Made by", incident.createdBy() + ", " + incident.createdAt());
            if (incident.closure().isPresent()) {
                pdf.field("Outcome", closed(incident.closure().get()));
            }
            pdf.field("Captures", members.size() + " of " + members.stream().map(QueueItem::pupil).distinct().count()
                    + " pupils");
            pdf.heading("Notes on the incident");
            List<IncidentNote> notes = incidents.notes(incidentId);
            if (notes.isEmpty()) {
                pdf.paragraph("None.");
            }
            for (IncidentNote note : notes) {
                pdf.field(note.author() + ", " + note.createdAt(), note.body());
            }
            trail(pdf, "incident:" + incidentId);
            for (QueueItem member : members) {
                Capture capture = captures.find(member.id()).orElseThrow();
                pdf.pageBreak();
                pdf.title("Capture " + capture.id() + ": " + capture.category() + ", severity " + capture.severity());
                section(pdf, capture, mayViewScreenshot.test(capture.id()));
            }
            pdf.paragraph("Exported by " + actor + ".");
            transactions.inTransaction(() -> {
                members.forEach(member -> captures.markExported(member.id()));
                audit.record(actor, "incident.export", "incident:" + incidentId, "PDF of " + members.size()
                        + " captures");
                return null;
            });
            pdf.save(out);
        }
    }

    /** One capture: what was typed, the facts, outcome, screenshot, notes, reasons and audit trail. */
    private void section(PdfPages pdf, Capture capture, boolean withScreenshot) throws IOException {
        long captureId = capture.id();
        pdf.heading("What was typed");
        String context = capture.context();
        int end = Math.max(0, Math.min(capture.matchEnd(), context.length()));
        int start = Math.max(0, Math.min(capture.matchStart(), end));
        pdf.paragraph(context.substring(0, start) + "[[" + context.substring(start, end) + "]]"
                + context.substring(end));
        pdf.paragraph("(the match is between [[ and ]])");
        pdf.heading("Facts");
        pdf.field("Matched", capture.matchedText());
        pdf.field("Rule and why it matched", capture.ruleId() + ": " + capture.explanation());
        pdf.field("Window and app", capture.windowTitle() + " (" + capture.app() + ")");
        pdf.field("Pupil (signed-in user)", directory.forLogin(capture.schoolId(), capture.osUser())
                .map(p -> p.fullName() + ", " + p.yearAndForm() + " (" + capture.osUser() + ")")
                .orElse(capture.osUser() + " (not in the directory)"));
        pdf.field("Device", capture.deviceHostname() + " (" + capture.deviceId() + ")");
        pdf.field("Happened / received", capture.occurredAt() + " / " + capture.receivedAt());
        pdf.field("Status", capture.status());
        Optional<Closure> closure = triage.closure(captureId);
        if (closure.isPresent()) {
            pdf.field("Outcome", closed(closure.get()));
        }
        screenshot(pdf, capture, withScreenshot);
        pdf.heading("Notes");
        List<Note> notes = triageStore.notes(captureId);
        if (notes.isEmpty()) {
            pdf.paragraph("None.");
        }
        for (Note note : notes) {
            pdf.field(note.author() + ", " + note.createdAt(), note.body());
        }
        List<Justification> reasons = triage.justifications(captureId);
        if (!reasons.isEmpty()) {
            pdf.heading("Reasons recorded for viewing the screenshot");
            for (Justification reason : reasons) {
                pdf.field(reason.username() + ", " + reason.createdAt(), reason.text());
            }
        }
        trail(pdf, "capture:" + captureId);
    }

    private void trail(PdfPages pdf, String target) throws IOException {
        pdf.heading("Audit trail (who viewed or changed it)");
        for (AuditEntry entry : audit.about(target, AUDIT_TRAIL_ENTRIES)) {
            pdf.paragraph(entry.occurredAt() + "  " + entry.actor() + "  " + entry.action()
                    + (entry.detail() == null ? "" : ": " + entry.detail()));
        }
    }

    private static String closed(Closure closure) {
        return closure.outcome().label() + "; escalated to " + closure.escalatedTo() + "; closed by "
                + closure.closedBy() + " at " + closure.closedAt();
    }

    private void screenshot(PdfPages pdf, Capture capture, boolean withScreenshot) throws IOException {
        pdf.heading("Screenshot");
        if (capture.screenshot().isEmpty()) {
            pdf.paragraph("No screenshot came with this capture, or retention has removed it.");
        } else if (!withScreenshot) {
            pdf.paragraph("Not included: a sensitive category, shown only to a DSL who has recorded why they need"
                    + " to see it.");
        } else {
            Optional<byte[]> image = screenshots.get(capture.screenshot().get().sha256(),
                    capture.screenshot().get().mediaType());
            if (image.isPresent()) {
                pdf.image(image.get(), "screenshot-" + capture.id());
            } else {
                pdf.paragraph("The screenshot file is missing.");
            }
        }
    }
}
