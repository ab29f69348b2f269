package org.vigil.console.triage;

import java.util.List;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureStatus;
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

    private final TriageRepository store;
    private final UserRepository users;
    private final AuditLog audit;
    private final Transactions transactions;

    public Triage(TriageRepository store, UserRepository users, AuditLog audit, Transactions transactions) {
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
    }

    public void changeStatus(Session by, long captureId, CaptureStatus target) {
        transactions.run(() -> {
            CaptureStatus from = store.status(captureId)
                    .orElseThrow(() -> new InvalidRequest("There is no such capture."));
            if (store.moveTo(captureId, target).isEmpty()) {
                throw new InvalidRequest("A capture that is " + from.label() + " cannot become " + target.label()
                        + ".");
            }
            audit.record(by.username(), "capture.status", target(captureId), from.name() + " -> " + target.name());
        });
    }

    /**
     * Closes each capture as a false positive where that move is allowed.
     *
     * @return how many were closed
     */
    public int markFalsePositive(Session by, List<Long> captureIds) {
        if (captureIds.isEmpty()) {
            throw new InvalidRequest("Tick at least one capture.");
        }
        if (captureIds.size() > MAX_BULK) {
            throw new InvalidRequest("At most " + MAX_BULK + " captures at once.");
        }
        return transactions.inTransaction(() -> {
            int closed = 0;
            for (long id : captureIds) {
                Optional<CaptureStatus> from = store.moveTo(id, CaptureStatus.FALSE_POSITIVE);
                if (from.isPresent()) {
                    audit.record(by.username(), "capture.status", target(id),
                            from.get().name() + " -> FALSE_POSITIVE (bulk)");
                    closed++;
                }
            }
            return closed;
        });
    }

    /** Assigns the capture to an enabled DSL, or to nobody. */
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
