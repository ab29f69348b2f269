package org.vigil.console.audit;

import java.util.Optional;
import org.vigil.console.store.AuditHash;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.AuditLog.ChainHead;
import org.vigil.console.store.AuditLog.SealedEntry;

/**
 * Walks the audit log's hash chain from its first entry kept (ADR 0141, 0142) and names the first entry that does not hold:
 * one whose fields or detail were changed, one that no longer follows the entry before it (an entry removed or
 * put in between), one never sealed, or a chain whose recorded head is not its last entry (entries removed from
 * the end). A redacted detail (no text, its SHA-256 kept) still checks.
 */
public final class AuditChainCheck {
    private final AuditLog audit;

    public AuditChainCheck(AuditLog audit) {
        this.audit = audit;
    }

    public AuditChainReport run() {
        Walk walk = new Walk(audit.chainStart().orElse(AuditHash.GENESIS));
        audit.forEachSealed(walk::next);
        if (walk.broken == null) {
            walk.checkHead(audit.head());
        }
        return new AuditChainReport(walk.checked, Optional.ofNullable(walk.broken), walk.last);
    }

    /** The state of one walk along the chain; it stops looking once something is broken. */
    private static final class Walk {
        private String prevHash;
        private long checked;
        private AuditEntry last;
        private AuditChainReport.Break broken;

        Walk(String start) {
            this.prevHash = start;
        }

        void next(SealedEntry sealed) {
            if (broken != null) {
                return;
            }
            AuditEntry entry = sealed.entry();
            checked++;
            String problem = problem(sealed);
            if (problem != null) {
                broken = new AuditChainReport.Break(entry, problem);
                return;
            }
            prevHash = sealed.hash();
            last = entry;
        }

        private String problem(SealedEntry sealed) {
            AuditEntry entry = sealed.entry();
            if (sealed.hash() == null) {
                return "it was never sealed into the chain (written around the console)";
            }
            if (!prevHash.equals(sealed.prevHash())) {
                return last == null
                        ? "it does not start the chain: entries before it were removed"
                        : "it does not follow entry " + last.id() + ": an entry between them was removed or added";
            }
            if (entry.detail() != null && !AuditHash.ofDetail(entry.detail()).equals(sealed.detailSha256())) {
                return "its detail was changed after it was written";
            }
            String expected = AuditHash.of(sealed.prevHash(), entry.id(), entry.occurredAt().toEpochMilli(),
                    entry.actor(), entry.action(), entry.target(), sealed.detailSha256());
            if (!expected.equals(sealed.hash())) {
                return "its time, actor, action or target was changed after it was written";
            }
            return null;
        }

        void checkHead(Optional<ChainHead> head) {
            if (head.isEmpty()) {
                if (last != null) {
                    broken = new AuditChainReport.Break(last, "the chain's head record is missing");
                }
                return;
            }
            ChainHead recorded = head.get();
            if (last == null || recorded.lastId() != last.id() || !recorded.lastHash().equals(prevHash)) {
                String after = last == null ? "the start" : "entry " + last.id();
                broken = new AuditChainReport.Break(last, "entries after " + after
                        + " were removed: the chain's head is entry " + recorded.lastId());
            }
        }
    }
}
