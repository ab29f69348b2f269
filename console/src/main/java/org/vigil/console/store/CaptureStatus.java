package org.vigil.console.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where a capture is in triage, and which moves are allowed: New → In review → Escalated / NFA / False positive. */
public enum CaptureStatus {
    NEW("New"),
    IN_REVIEW("In review"),
    ESCALATED("Escalated"),
    NO_FURTHER_ACTION("No further action"),
    FALSE_POSITIVE("False positive");

    private final String label;

    CaptureStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The statuses this one may move to. An obvious false positive may be closed straight from New (the bulk action);
     * a closed capture may be reopened for review.
     */
    public Set<CaptureStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(IN_REVIEW, FALSE_POSITIVE);
            case IN_REVIEW -> EnumSet.of(ESCALATED, NO_FURTHER_ACTION, FALSE_POSITIVE);
            case ESCALATED, NO_FURTHER_ACTION, FALSE_POSITIVE -> EnumSet.of(IN_REVIEW);
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
