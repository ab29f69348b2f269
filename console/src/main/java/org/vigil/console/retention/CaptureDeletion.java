package org.vigil.console.retention;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureDeletionRepository;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.DeletionRequest;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.LegalHoldRepository;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.Transactions;

/**
 * "Delete now" for a capture recorded in error (ADR 0142): with a reason, never while a legal hold covers it.
 * Severity 1-3 goes at once; severity 4-5 needs a second DSL to confirm the first one's request. The deletion is the
 * purge's (everything hanging off the capture, audit details redacted, files after the commit) with a tombstone
 * that says who asked, who confirmed and why. Who may do it (a DSL) is the caller's check.
 */
public final class CaptureDeletion {
    public static final int MIN_REASON_CHARS = 10;
    public static final int MAX_REASON_CHARS = 1000;
    /** The most severe capture one DSL may delete alone. */
    public static final int ALONE_UP_TO_SEVERITY = 3;

    private final CaptureRepository captures;
    private final CaptureDeletionRepository requests;
    private final LegalHoldRepository holds;
    private final RetentionRepository store;
    private final AuditLog audit;
    private final Transactions transactions;
    private final ReleasedScreenshots released;

    public CaptureDeletion(CaptureRepository captures, CaptureDeletionRepository requests, LegalHoldRepository holds,
                           RetentionRepository store, ScreenshotStore files, AuditLog audit,
                           Transactions transactions) {
        this.captures = captures;
        this.requests = requests;
        this.holds = holds;
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.released = new ReleasedScreenshots(store, files);
    }

    /** What asking to delete did. */
    public enum Outcome { DELETED, AWAITING_SECOND_DSL }

    /** Deletes a severity 1-3 capture, or asks a second DSL to confirm deleting a severity 4-5 one. */
    public Outcome delete(String actor, long captureId, String reason) {
        String why = reason(reason);
        Capture capture = deletable(captureId);
        if (capture.severity() <= ALONE_UP_TO_SEVERITY) {
            deleteWithRecord(capture, actor, () -> requests.record(captureId, capture.severity(),
                    capture.category(), why, actor, Optional.of(actor)), "by " + actor + ": " + why);
            return Outcome.DELETED;
        }
        transactions.inTransaction(() -> {
            if (requests.pending(captureId).isPresent()) {
                throw new InvalidRequest("Deleting capture " + captureId + " is already waiting for a second DSL.");
            }
            requests.record(captureId, capture.severity(), capture.category(), why, actor, Optional.empty());
            audit.record(actor, "capture.delete.request", "capture:" + captureId, why);
            return null;
        });
        return Outcome.AWAITING_SECOND_DSL;
    }

    /** A second DSL confirms the pending request to delete a severity 4-5 capture. */
    public void confirm(String actor, long captureId) {
        Capture capture = deletable(captureId);
        DeletionRequest request = requests.pending(captureId).orElseThrow(() -> new InvalidRequest(
                "Nobody has asked to delete capture " + captureId + "."));
        if (request.requestedBy().equals(actor)) {
            throw new InvalidRequest("A second DSL must confirm: you asked for this deletion.");
        }
        deleteWithRecord(capture, actor, () -> {
            if (!requests.confirm(request.id(), actor)) {
                throw new InvalidRequest("That request was confirmed meanwhile.");
            }
            return request.id();
        }, "asked by " + request.requestedBy() + ": " + request.reason() + "; confirmed by " + actor);
    }

    /** The request waiting for a second DSL on this capture, for its page. */
    public Optional<DeletionRequest> pending(long captureId) {
        return requests.pending(captureId);
    }

    /** Records the request or its confirmation, deletes, and writes the tombstone: one transaction. */
    private void deleteWithRecord(Capture capture, String actor, Supplier<Long> record, String who) {
        Instant since = Instant.now();
        Set<ScreenshotRef> freed = transactions.inTransaction(() -> {
            record.get();
            Set<ScreenshotRef> screenshots = store.deleteCaptures(List.of(capture.id())).screenshots();
            audit.record(actor, "capture.delete", "capture:" + capture.id(), "severity " + capture.severity() + " "
                    + capture.category() + " deleted now, " + who);
            return screenshots;
        });
        released.remove(freed, since);
    }

    private Capture deletable(long captureId) {
        Capture capture = captures.find(captureId).orElseThrow(() -> new InvalidRequest("There is no capture "
                + captureId + "."));
        List<LegalHold> covering = holds.covering(captureId);
        if (!covering.isEmpty()) {
            throw new InvalidRequest("Capture " + captureId + " is under legal hold " + covering.get(0).id() + " ("
                    + covering.get(0).describeTarget() + "): lift the hold first.");
        }
        return capture;
    }

    private static String reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MIN_REASON_CHARS || text.length() > MAX_REASON_CHARS) {
            throw new InvalidRequest("Say why this capture is deleted (" + MIN_REASON_CHARS + " to "
                    + MAX_REASON_CHARS + " characters): it is kept in the audit log.");
        }
        return text;
    }
}
