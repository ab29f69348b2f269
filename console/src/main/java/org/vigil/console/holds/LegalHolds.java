package org.vigil.console.holds;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.IncidentRepository;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.LegalHoldRepository;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TriageRepository;
import org.vigil.proto.WireNames;

/**
 * Placing and lifting legal holds (ADR 0142), each with a reason and its audit row in one transaction. Held data is
 * never purged (the purge skips it) until the hold is lifted. Who may do it (the DSL) is the caller's check.
 */
public final class LegalHolds {
    public static final int MAX_REASON_CHARS = 1000;

    private final LegalHoldRepository holds;
    private final CaptureRepository captures;
    private final IncidentRepository incidents;
    private final AuditLog audit;
    private final Transactions transactions;
    private final HeldEvidence evidence;

    public LegalHolds(LegalHoldRepository holds, CaptureRepository captures, IncidentRepository incidents,
                      TriageRepository triage, ScreenshotStore screenshots, AuditLog audit,
                      Transactions transactions) {
        this.holds = holds;
        this.captures = captures;
        this.incidents = incidents;
        this.audit = audit;
        this.transactions = transactions;
        this.evidence = new HeldEvidence(holds, captures, triage, screenshots, audit);
    }

    /**
     * Writes the evidence a hold in force keeps as a zip with a SHA-256 manifest ({@link HeldEvidence}); audited
     * with the justification. Returns how many captures it holds.
     */
    public int export(String actor, long holdId, String justification, OutputStream out) throws IOException {
        return evidence.export(actor, holdId, justification, out);
    }

    /** Places a hold on a capture or incident (by id) or a pupil (OS login); returns the hold's id. */
    public long place(String actor, LegalHold.Scope scope, String target, String reason) {
        String why = reason(reason, "placing");
        String what = checkedTarget(scope, target);
        return transactions.inTransaction(() -> {
            long id = holds.place(scope, what, why, actor);
            audit.record(actor, "hold.place", "hold:" + id, scope.word() + " " + what + ": " + why);
            return id;
        });
    }

    /** Lifts a hold in force, with the reason. */
    public void lift(String actor, long holdId, String reason) {
        String why = reason(reason, "lifting");
        transactions.inTransaction(() -> {
            LegalHold hold = holds.find(holdId).orElseThrow(() -> new InvalidRequest("There is no hold " + holdId
                    + "."));
            if (!holds.lift(holdId, why, actor)) {
                throw new InvalidRequest("Hold " + holdId + " on " + hold.describeTarget() + " was already lifted.");
            }
            audit.record(actor, "hold.lift", "hold:" + holdId, hold.describeTarget() + ": " + why);
            return null;
        });
    }

    public List<LegalHold> inForce() {
        return holds.inForce();
    }

    /** The holds in force on a capture, through itself, its incident or its pupil. */
    public List<LegalHold> covering(long captureId) {
        return holds.covering(captureId);
    }

    /** "CAPTURE", "capture" … as a scope, or a refusal naming the three. */
    public static LegalHold.Scope scope(String text) {
        try {
            return LegalHold.Scope.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("A hold is on a capture, an incident or a pupil, not \"" + text + "\".");
        }
    }

    private String checkedTarget(LegalHold.Scope scope, String target) {
        String text = target == null ? "" : target.strip();
        switch (scope) {
            case CAPTURE -> {
                if (captures.find(number(text, "capture")).isEmpty()) {
                    throw new InvalidRequest("There is no capture " + text + ".");
                }
            }
            case INCIDENT -> {
                if (incidents.find(number(text, "incident")).isEmpty()) {
                    throw new InvalidRequest("There is no incident " + text + ".");
                }
            }
            case PUPIL -> {
                if (text.isEmpty() || text.length() > WireNames.MAX_NAME_CHARS) {
                    throw new InvalidRequest("Give the pupil's login (at most " + WireNames.MAX_NAME_CHARS
                            + " characters).");
                }
            }
        }
        return text;
    }

    private static long number(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequest((what.startsWith("i") ? "An " : "A ") + what + " is named by its number, not \""
                    + text + "\".");
        }
    }

    private static String reason(String reason, String doing) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidRequest("Give the reason for " + doing + " the hold (for example the police"
                    + " reference).");
        }
        if (text.length() > MAX_REASON_CHARS) {
            throw new InvalidRequest("A reason is at most " + MAX_REASON_CHARS + " characters.");
        }
        return text;
    }
}
