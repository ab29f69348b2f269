package org.vigil.console.alerts.escalation;

import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureOpenings;
import org.vigil.console.store.Transactions;

/**
 * A DSL opening a capture's page: the {@code capture.view} audit row and the capture's first-opened mark, which
 * stops its escalation, in one transaction.
 */
public final class CaptureViews {
    private final AuditLog audit;
    private final CaptureOpenings openings;
    private final Transactions transactions;

    public CaptureViews(AuditLog audit, CaptureOpenings openings, Transactions transactions) {
        this.audit = audit;
        this.openings = openings;
        this.transactions = transactions;
    }

    public void viewed(String username, long captureId) {
        transactions.run(() -> {
            audit.record(username, "capture.view", "capture:" + captureId);
            openings.opened(captureId);
        });
    }
}
