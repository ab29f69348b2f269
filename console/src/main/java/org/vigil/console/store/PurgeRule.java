package org.vigil.console.store;

/**
 * Which decided captures retention removes, and from when it counts (ADR 0142). Captures still open (new, in review,
 * escalated) are never purged; a closed case only after it was exported to the school's case-management system.
 */
public enum PurgeRule {
    FALSE_POSITIVE("false positive", "c.status = 'FALSE_POSITIVE' AND c.status_changed_at < ?"),
    NO_FURTHER_ACTION("no further action", "c.status = 'NO_FURTHER_ACTION' AND c.status_changed_at < ?"),
    CLOSED_AFTER_EXPORT("closed and exported", "c.status = 'CLOSED' AND c.exported_at IS NOT NULL"
            + " AND c.exported_at < ? AND c.exported_at >= c.closed_at");

    private final String label;
    private final String condition;

    PurgeRule(String label, String condition) {
        this.label = label;
        this.condition = condition;
    }

    /** The rule in words, for the tombstone and the command's output. */
    public String label() {
        return label;
    }

    /** The SQL condition on captures {@code c}, with one parameter: the cutoff in epoch milliseconds. */
    String condition() {
        return condition;
    }
}
