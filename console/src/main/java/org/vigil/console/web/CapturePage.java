package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.IncidentRef;
import org.vigil.console.store.Closure;
import org.vigil.console.store.DeletionRequest;
import org.vigil.console.store.Justification;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.Note;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.QueueItem;
import org.vigil.console.holds.LegalHolds;
import org.vigil.console.proposals.Proposal;
import org.vigil.console.retention.CaptureDeletion;
import org.vigil.console.triage.Triage;

/**
 * The page for one capture: what was typed and why it matched, the screenshot, triage controls, notes, history.
 * {@code proposal} is present when the capture may be marked a false positive: the exception to offer IT, or why
 * there is none. {@code closure} is present once the capture is closed; {@code justifications} are every recorded
 * reason for viewing the screenshot. {@code incident} is the incident the capture belongs to, if any; otherwise
 * {@code openIncidents} are those it may be added to. {@code holds} are the legal holds in force on it, through
 * itself, its incident or its pupil; {@code deletion} a request to delete it that waits for a second DSL.
 * {@code directoryPupil} is who the capture's login belongs to, if the directory knows (ADR 0151); if not, the page
 * offers to link the login to a pupil of the capture's school ({@code schoolCode}, ADR 0205).
 */
public record CapturePage(PageHeader header, CaptureDetail capture, CaptureStatus status,
                          List<CaptureStatus> nextStatuses, List<Assignee> assignees, List<Note> notes,
                          List<QueueItem> othersOfPupil, Screenshot screenshot, Optional<String> message,
                          Optional<Proposal> proposal, Optional<Closure> closure,
                          List<Justification> justifications, Optional<IncidentRef> incident,
                          List<IncidentRef> openIncidents, List<LegalHold> holds,
                          Optional<DeletionRequest> deletion, Optional<Pupil> directoryPupil,
                          Optional<String> schoolCode) {

    /** Whether the screenshot is shown, hidden until a justification, or absent. */
    public enum Screenshot { SHOWN, NEEDS_JUSTIFICATION, NONE }

    /** A DSL the capture can be assigned to. */
    public record Assignee(long id, String username, boolean current) {
    }

    /**
     * The status buttons with nothing to fill in: not False positive (its own form, with the exception proposal), not
     * Closed (its own form, with the outcome), and not No further action where it needs a reason.
     */
    public List<CaptureStatus> plainNextStatuses() {
        return nextStatuses.stream()
                .filter(s -> s != CaptureStatus.FALSE_POSITIVE && s != CaptureStatus.CLOSED)
                .filter(s -> !Triage.needsReason(capture.severity(), s))
                .toList();
    }

    /** Whether No further action is offered with a reason to write (severity 4-5). */
    public boolean offersNoFurtherActionWithReason() {
        return nextStatuses.contains(CaptureStatus.NO_FURTHER_ACTION)
                && Triage.needsReason(capture.severity(), CaptureStatus.NO_FURTHER_ACTION);
    }

    /** Whether False positive needs a reason here (severity 4-5). */
    public boolean falsePositiveNeedsReason() {
        return Triage.needsReason(capture.severity(), CaptureStatus.FALSE_POSITIVE);
    }

    public boolean mayClose() {
        return nextStatuses.contains(CaptureStatus.CLOSED);
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

    public boolean isUnassigned() {
        return assignees.stream().noneMatch(Assignee::current);
    }

    public String pupilHref() {
        return HistoryRoutes.pupilHref(capture.pupil(), schoolCode);
    }

    public String incidentHref() {
        return incident.map(i -> IncidentPage.href(i.id())).orElse("");
    }

    /** Whether deleting needs a second DSL (severity 4-5). */
    public boolean deletionNeedsSecondDsl() {
        return capture.severity() > CaptureDeletion.ALONE_UP_TO_SEVERITY;
    }

    /** Whether this viewer may confirm the pending deletion: anyone but the DSL who asked. */
    public boolean mayConfirmDeletion() {
        return deletion.isPresent() && !deletion.get().requestedBy().equals(header.username());
    }

    public int minDeletionReasonLength() {
        return CaptureDeletion.MIN_REASON_CHARS;
    }

    public int maxHoldReasonLength() {
        return LegalHolds.MAX_REASON_CHARS;
    }

    public String deviceHref() {
        return HistoryRoutes.deviceHref(capture.deviceId());
    }
}
