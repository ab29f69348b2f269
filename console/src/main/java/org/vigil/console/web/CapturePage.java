package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.Note;
import org.vigil.console.store.QueueItem;
import org.vigil.console.proposals.Proposal;

/**
 * The page for one capture: what was typed and why it matched, the screenshot, triage controls, notes, history.
 * {@code proposal} is present when the capture may be marked a false positive: the exception to offer IT, or why
 * there is none.
 */
public record CapturePage(PageHeader header, CaptureDetail capture, CaptureStatus status,
                          List<CaptureStatus> nextStatuses, List<Assignee> assignees, List<Note> notes,
                          List<QueueItem> othersOfPupil, Screenshot screenshot, Optional<String> message,
                          Optional<Proposal> proposal) {

    /** Whether the screenshot is shown, hidden until a justification, or absent. */
    public enum Screenshot { SHOWN, NEEDS_JUSTIFICATION, NONE }

    /** A DSL the capture can be assigned to. */
    public record Assignee(long id, String username, boolean current) {
    }

    /** The status buttons other than False positive, which has its own form (with the exception proposal). */
    public List<CaptureStatus> plainNextStatuses() {
        return nextStatuses.stream().filter(s -> s != CaptureStatus.FALSE_POSITIVE).toList();
    }

    public boolean isUnassigned() {
        return assignees.stream().noneMatch(Assignee::current);
    }

    public String pupilHref() {
        return HistoryRoutes.pupilHref(capture.pupil());
    }

    public String deviceHref() {
        return HistoryRoutes.deviceHref(capture.deviceId());
    }
}
