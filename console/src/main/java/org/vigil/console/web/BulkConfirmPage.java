package org.vigil.console.web;

import java.util.List;
import java.util.Map;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.QueueItem;
import org.vigil.console.triage.Triage;

/**
 * The confirmation step of a bulk false positive with severity 4-5 captures in it: every ticked capture, a reason
 * field for each severity 4-5 one (with what was written so far), and those still {@code missing} a reason marked.
 * {@code refused} is false on the first showing (no reason was sent yet).
 */
public record BulkConfirmPage(PageHeader header, String back, List<QueueItem> items, Map<Long, String> reasons,
                              List<Long> missing, String message, boolean refused) {

    public boolean needsReason(QueueItem item) {
        return Triage.needsReason(item.severity(), CaptureStatus.FALSE_POSITIVE);
    }

    public boolean isMissing(QueueItem item) {
        return refused && missing.contains(item.id());
    }

    public String reasonFor(QueueItem item) {
        return reasons.getOrDefault(item.id(), "");
    }

    public int minReasonLength() {
        return Triage.MIN_REASON_LENGTH;
    }
}
