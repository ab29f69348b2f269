package org.vigil.console.audit;

import java.util.Optional;
import org.vigil.console.store.AuditLog.AuditEntry;

/**
 * What checking the audit chain found: how many entries were checked, the first break if any, and the last entry
 * that held (empty for an empty log, or when the very first entry is broken).
 */
public record AuditChainReport(long checked, Optional<Break> broken, AuditEntry lastGood) {

    public boolean intact() {
        return broken.isEmpty();
    }

    /** The first entry that does not hold (null only when the chain's head names entries that are gone). */
    public record Break(AuditEntry entry, String why) {
    }

    /** One line for a person: "intact, N entries" or which entry is broken and why. */
    public String describe() {
        if (broken.isEmpty()) {
            return "audit log intact: " + checked + " entries checked"
                    + (lastGood == null ? "" : ", the newest is entry " + lastGood.id() + " of " + lastGood.occurredAt());
        }
        Break first = broken.get();
        if (first.entry() == null) {
            return "audit log broken: " + first.why();
        }
        AuditEntry entry = first.entry();
        return "audit log broken at entry " + entry.id() + " (" + entry.occurredAt() + ", " + entry.actor() + ", "
                + entry.action() + "): " + first.why();
    }
}
