package org.vigil.console.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vigil.console.alerts.AlertOutbox;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AlertKind;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.Closure;
import org.vigil.console.store.Justification;
import org.vigil.console.store.NewAlert;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.store.UserRepository;

/**
 * What a DSL does to captures: status changes, assignment, notes, justified unblurring. Each is audit-logged in the
 * same transaction as the change: both are stored, or neither.
 */
public final class Triage {
    public static final int MAX_NOTE_LENGTH = 4000;
    public static final int MIN_JUSTIFICATION_LENGTH = 10;
    public static final int MAX_BULK = 200;
    public static final int MIN_REASON_LENGTH = 10;
    public static final int MAX_ESCALATED_TO_LENGTH = 200;
    /** From this severity up, No further action and False positive need a reason, one per capture. */
    public static final int REASON_SEVERITY = 4;

    private final TriageRepository store;
    private final UserRepository users;
    private final AuditLog audit;
    private final Transactions transactions;
    private final AlertOutbox alerts;

    public Triage(TriageRepository store, UserRepository users, AuditLog audit, Transactions transactions,
                  AlertOutbox alerts) {
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.alerts = alerts;
    }

    /** Changes the status with no reason given: refused where a reason is required. */
    public void changeStatus(Session by, long captureId, CaptureStatus target) {
        changeStatus(by, captureId, target, Optional.empty());
    }

    /**
     * Changes the status. No further action and False positive on a severity 4-5 capture need a reason (at least
     * {@value #MIN_REASON_LENGTH} characters); a reason, where given, is kept as a note and in the audit row. Closed is
     * reached only through {@link #close}.
     */
    public void changeStatus(Session by, long captureId, CaptureStatus target, Optional<String> reason) {
        if (target == CaptureStatus.CLOSED) {
            throw new InvalidRequest("Close an escalated capture with its outcome and who it was escalated to.");
        }
        transactions.run(() -> {
            CaptureStatus from = store.status(captureId)
                    .orElseThrow(() -> new InvalidRequest("There is no such capture."));
            if (!from.canMoveTo(target)) {
                throw refusedMove(from, target);
            }
            Optional<String> why = reasonFor(captureId, target, reason);
            if (store.moveTo(captureId, target).isEmpty()) {
                throw refusedMove(from, target);
            }
            why.ifPresent(text -> store.addNote(captureId, by.username(), target.label() + ": " + text));
            audit.record(by.username(), "capture.status", target(captureId),
                    from.name() + " -> " + target.name() + why.map(text -> ": " + text).orElse(""));
        });
    }

    /**
     * Closes an escalated capture with the outcome of the escalation and who it was escalated to; Closed is final.
     */
    public void close(Session by, long captureId, Optional<CaseOutcome> outcome, String escalatedTo) {
        CaseOutcome chosen = outcome.orElseThrow(() -> new InvalidRequest("Choose the outcome to close the case."));
        String to = escalatedTo == null ? "" : escalatedTo.strip();
        if (to.isEmpty()) {
            throw new InvalidRequest("Write who it was escalated to (for example \"MASH duty social worker, ref"
                    + " 12345\") to close the case.");
        }
        if (to.length() > MAX_ESCALATED_TO_LENGTH) {
            throw new InvalidRequest("Who it was escalated to is at most " + MAX_ESCALATED_TO_LENGTH + " characters.");
        }
        transactions.run(() -> {
            CaptureStatus from = store.status(captureId)
                    .orElseThrow(() -> new InvalidRequest("There is no such capture."));
            if (!from.canMoveTo(CaptureStatus.CLOSED) || !store.close(captureId, chosen, to, by.username())) {
                throw new InvalidRequest("Only an escalated capture can be closed; this one is " + from.label()
                        + ".");
            }
            audit.record(by.username(), "capture.close", target(captureId), from.name() + " -> CLOSED; outcome: "
                    + chosen.name() + " (" + chosen.label() + "); escalated to: " + to);
        });
    }

    /** {@link #markFalsePositive(Session, List, Map)} with no reasons: refused if any ticked capture is severity 4-5. */
    public int markFalsePositive(Session by, List<Long> captureIds) {
        return markFalsePositive(by, captureIds, Map.of());
    }

    /**
     * Closes each capture as a false positive where that move is allowed. Each severity 4-5 capture needs its own
     * reason (at least {@value #MIN_REASON_LENGTH} characters) in {@code reasons}, by capture id; if any lacks one the
     * whole request is refused with {@link MissingReasons} naming them, and nothing changes: the DSL then sees exactly
     * what they ticked, still open, rather than a queue that changed in part. A reason, where given, is kept as a note
     * and in the audit row, as on the capture's own page.
     *
     * @return how many were closed
     */
    public int markFalsePositive(Session by, List<Long> captureIds, Map<Long, String> reasons) {
        if (captureIds.isEmpty()) {
            throw new InvalidRequest("Tick at least one capture.");
        }
        if (captureIds.size() > MAX_BULK) {
            throw new InvalidRequest("At most " + MAX_BULK + " captures at once.");
        }
        List<Long> ids = captureIds.stream().distinct().toList();
        return transactions.inTransaction(() -> {
            Map<Long, String> why = new LinkedHashMap<>();
            List<Long> missing = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (long id : ids) {
                Optional<String> reason = Optional.ofNullable(reasons.get(id)).map(String::strip)
                        .filter(r -> !r.isEmpty());
                if (reason.map(String::length).orElse(0) > MAX_NOTE_LENGTH) {
                    throw new InvalidRequest("Nothing changed: the reason for capture " + id + " is longer than "
                            + MAX_NOTE_LENGTH + " characters.");
                }
                Optional<Integer> severity = store.severity(id);
                if (severity.isPresent() && needsReason(severity.get(), CaptureStatus.FALSE_POSITIVE)
                        && reason.map(String::length).orElse(0) < MIN_REASON_LENGTH) {
                    missing.add(id);
                    named.add("capture " + id + " (severity " + severity.get() + ")");
                }
                reason.ifPresent(text -> why.put(id, text));
            }
            if (!missing.isEmpty()) {
                throw new MissingReasons("Nothing changed: " + String.join(", ", named) + (missing.size() == 1
                        ? " needs a reason" : " need a reason each") + " of at least " + MIN_REASON_LENGTH
                        + " characters to be marked false positive.", missing);
            }
            int closed = 0;
            for (long id : ids) {
                Optional<CaptureStatus> from = store.moveTo(id, CaptureStatus.FALSE_POSITIVE);
                if (from.isPresent()) {
                    Optional<String> reason = Optional.ofNullable(why.get(id));
                    reason.ifPresent(text -> store.addNote(id, by.username(),
                            CaptureStatus.FALSE_POSITIVE.label() + ": " + text));
                    audit.record(by.username(), "capture.status", target(id), from.get().name()
                            + " -> FALSE_POSITIVE (bulk)" + reason.map(text -> ": " + text).orElse(""));
                    closed++;
                }
            }
            return closed;
        });
    }

    /** Whether closing the capture as No further action or False positive needs a reason. */
    public static boolean needsReason(int severity, CaptureStatus target) {
        return severity >= REASON_SEVERITY
                && (target == CaptureStatus.NO_FURTHER_ACTION || target == CaptureStatus.FALSE_POSITIVE);
    }

    private Optional<String> reasonFor(long captureId, CaptureStatus target, Optional<String> reason) {
        Optional<String> text = reason.map(String::strip).filter(r -> !r.isEmpty());
        int severity = store.severity(captureId).orElseThrow(() -> new InvalidRequest("There is no such capture."));
        if (needsReason(severity, target) && text.map(String::length).orElse(0) < MIN_REASON_LENGTH) {
            throw new InvalidRequest("Nothing changed: " + target.label() + " on a severity " + severity
                    + " capture needs a reason of at least " + MIN_REASON_LENGTH + " characters.");
        }
        if (text.map(String::length).orElse(0) > MAX_NOTE_LENGTH) {
            throw new InvalidRequest("A reason is at most " + MAX_NOTE_LENGTH + " characters.");
        }
        return text;
    }

    private static InvalidRequest refusedMove(CaptureStatus from, CaptureStatus target) {
        return new InvalidRequest("A capture that is " + from.label() + " cannot become " + target.label() + ".");
    }

    /**
     * Assigns the capture to an enabled DSL, or to nobody. A DSL assigned by someone else is emailed (if they have
     * an address), the alert queued in the same transaction as the assignment.
     */
    public void assign(Session by, long captureId, Optional<Long> userId) {
        Optional<StoredUser> assignee = userId.flatMap(users::findById);
        if (userId.isPresent() && (assignee.isEmpty() || assignee.get().disabled()
                || !assignee.get().role().equals(Role.DSL.name()))) {
            throw new InvalidRequest("Captures can be assigned only to a DSL.");
        }
        transactions.run(() -> {
            if (!store.assign(captureId, userId)) {
                throw new InvalidRequest("There is no such capture.");
            }
            audit.record(by.username(), "capture.assign", target(captureId),
                    assignee.map(u -> "to " + u.username()).orElse("to nobody"));
            assignee.filter(u -> u.id() != by.userId()).ifPresent(u -> u.email().ifPresent(email -> {
                String alertId = UUID.randomUUID().toString();
                // every assignment is news to the assignee, so each gets its own key
                alerts.queue(List.of(NewAlert.aboutCapture(alertId, AlertKind.ASSIGNMENT,
                        captureId + ":" + u.id() + ":" + alertId, captureId, u.id(), email,
                        Optional.of("Assigned to you by " + by.username()))));
            }));
        });
    }

    public void addNote(Session by, long captureId, String body) {
        transactions.run(() -> {
            String text = checkedText(captureId, body, 1, "A note cannot be empty.", "A note");
            store.addNote(captureId, by.username(), text);
            audit.record(by.username(), "capture.note", target(captureId), text);
        });
    }

    /** Records why the DSL needs to see a sensitive screenshot; after this the image is served to them. */
    public void justifyViewing(Session by, long captureId, String justification) {
        transactions.run(() -> {
            String text = checkedText(captureId, justification, MIN_JUSTIFICATION_LENGTH,
                    "Write why you need to see this image (at least " + MIN_JUSTIFICATION_LENGTH
                            + " characters); it is kept in the audit log.", "A justification");
            store.addJustification(captureId, by.userId(), text);
            audit.record(by.username(), "capture.screenshot.unblur", target(captureId), text);
        });
    }

    /** How the capture was closed, if it is. */
    public Optional<Closure> closure(long captureId) {
        return store.closure(captureId);
    }

    /** Every recorded reason for viewing the capture's screenshot, with who gave it and when. */
    public List<Justification> justifications(long captureId) {
        return store.justifications(captureId);
    }

    public boolean mayViewScreenshot(Session session, long captureId, String category) {
        return !SensitiveCategories.isSensitive(category) || store.hasJustification(captureId, session.userId());
    }

    /** The stripped text if it is long enough, not too long, and about a capture that exists. */
    private String checkedText(long captureId, String raw, int minLength, String tooShort, String what) {
        String text = raw == null ? "" : raw.strip();
        if (text.length() < minLength) {
            throw new InvalidRequest(tooShort);
        }
        if (text.length() > MAX_NOTE_LENGTH) {
            throw new InvalidRequest(what + " is at most " + MAX_NOTE_LENGTH + " characters.");
        }
        if (store.status(captureId).isEmpty()) {
            throw new InvalidRequest("There is no such capture.");
        }
        return text;
    }

    private static String target(long captureId) {
        return "capture:" + captureId;
    }
}
