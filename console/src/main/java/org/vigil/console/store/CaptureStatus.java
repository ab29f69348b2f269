package org.vigil.console.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a capture is in triage, and which moves are allowed: New → In review → Escalated / NFA / False positive, and
 * Escalated → Closed (with an outcome and who it was escalated to). Closed is final.
 */
public enum CaptureStatus {
    NEW("New"),
    IN_REVIEW("In review"),
    ESCALATED("Escalated"),
    NO_FURTHER_ACTION("No further action"),
    FALSE_POSITIVE("False positive"),
    CLOSED("Closed");

    /** The statuses still waiting for someone: what "Assigned to me" shows. */
    public static final Set<CaptureStatus> OPEN = Collections.unmodifiableSet(EnumSet.of(NEW, IN_REVIEW, ESCALATED));

    private final String label;

    CaptureStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The statuses this one may move to. An obvious false positive may be closed straight from New (the bulk action);
     * a triage decision (Escalated, No further action, False positive) may be reopened for review. An escalated
     * capture is closed once the outcome of the escalation is known; Closed records what was done outside the
     * console (a referral made, parents told), which cannot be undone, so nothing leaves it: a correction is a note,
     * and a new concern is a new capture.
     */
    public Set<CaptureStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(IN_REVIEW, FALSE_POSITIVE);
            case IN_REVIEW -> EnumSet.of(ESCALATED, NO_FURTHER_ACTION, FALSE_POSITIVE);
            case ESCALATED -> EnumSet.of(IN_REVIEW, CLOSED);
            case NO_FURTHER_ACTION, FALSE_POSITIVE -> EnumSet.of(IN_REVIEW);
            case CLOSED -> EnumSet.noneOf(CaptureStatus.class);
        };
    }

    public boolean canMoveTo(CaptureStatus target) {
        return next().contains(target);
    }

    public String cssClass() {
        return "status-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CaptureStatus> parse(String text) {
        for (CaptureStatus status : values()) {
            if (status.name().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
