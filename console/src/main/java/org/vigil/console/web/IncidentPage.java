package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.Incident;
import org.vigil.console.store.IncidentNote;
import org.vigil.console.store.QueueItem;
import org.vigil.console.triage.Triage;

/** One incident: its captures, notes and the DSL's controls, which apply to the incident and each capture in it. */
public record IncidentPage(PageHeader header, Incident incident, List<QueueItem> members, List<IncidentNote> notes,
                           Optional<String> message) {

    public static String href(long incidentId) {
        return "/incidents/" + incidentId;
    }

    public String href() {
        return href(incident.id());
    }

    /** Status buttons with nothing to fill in (No further action, False positive and Closed have their own forms). */
    public List<CaptureStatus> plainNextStatuses() {
        return incident.status().next().stream().filter(s -> !decision(s) && s != CaptureStatus.CLOSED).toList();
    }

    /** No further action and False positive, where the incident may move to them: each with a reason field. */
    public List<CaptureStatus> decisions() {
        return incident.status().next().stream().filter(IncidentPage::decision).toList();
    }

    /** Whether a decision needs a reason: some capture in the incident is severity 4-5. */
    public boolean decisionNeedsReason() {
        return Triage.needsReason(maxSeverity(), CaptureStatus.FALSE_POSITIVE);
    }

    public String question(CaptureStatus decision) {
        return decision == CaptureStatus.FALSE_POSITIVE ? "Why is it a false positive?" : "Why no further action?";
    }

    public int maxSeverity() {
        return members.stream().mapToInt(QueueItem::severity).max().orElse(0);
    }

    public long pupils() {
        return members.stream().map(QueueItem::pupil).distinct().count();
    }

    public boolean mayClose() {
        return incident.status().canMoveTo(CaptureStatus.CLOSED);
    }

    public String buttonLabel(CaptureStatus next) {
        return next == CaptureStatus.IN_REVIEW && incident.status() != CaptureStatus.NEW ? "Reopen" : next.label();
    }

    public List<CaseOutcome> outcomes() {
        return List.of(CaseOutcome.values());
    }

    public int minReasonLength() {
        return Triage.MIN_REASON_LENGTH;
    }

    public int maxEscalatedToLength() {
        return Triage.MAX_ESCALATED_TO_LENGTH;
    }

    private static boolean decision(CaptureStatus status) {
        return status == CaptureStatus.NO_FURTHER_ACTION || status == CaptureStatus.FALSE_POSITIVE;
    }
}
