package org.vigil.console.store;

/**
 * Which decided captures retention removes, and from when it counts (ADR 0142). Captures still open (new, in review,
 * escalated) are never purged; a closed case only after it was exported to the school's case-management system.
 */
public enum PurgeRule {
    FALSE_POSITIVE("false positive", "c.status = 'FALSE_POSITIVE' AND c.status_changed_at < ?",
            "c.status_changed_at, c.id"),
    NO_FURTHER_ACTION("no further action", "c.status = 'NO_FURTHER_ACTION' AND c.status_changed_at < ?",
            "c.status_changed_at, c.id"),
    CLOSED_AFTER_EXPORT("closed and exported", "c.status = 'CLOSED' AND c.exported_at IS NOT NULL"
            + " AND c.exported_at < ? AND c.exported_at >= c.closed_at", "c.status_changed_at, c.id");

    private final String label;
    private final String condition;
    private final String order;

    PurgeRule(String label, String condition, String order) {
        this.label = label;
        this.condition = condition;
        this.order = order;
    }

    /** The rule in words, for the tombstone and the command's output. */
    public String label() {
        return label;
    }

    /**
     * The {@code ORDER BY} terms that read due captures oldest first without a sort: the order of index
     * {@code captures_decided (status, status_changed_at)}, rowid last, so a batch is read straight off the index and
     * (for the statuses with one rule each) the scan stops at the batch's size. Ordering them by id alone made
     * every batch sort all the due rows (a temp B-tree): a purge of N captures did N / 200 full sorts
     * (bench/README.md, "Retention purge"; RetentionQueryPlansTest reads the plans).
     */
    String order() {
        return order;
    }

    /** The SQL condition on captures {@code c}, with one parameter: the cutoff in epoch milliseconds. */
    String condition() {
        return condition;
    }
}
