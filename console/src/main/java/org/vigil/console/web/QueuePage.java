package org.vigil.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.IncidentRef;
import org.vigil.console.triage.KnownCategories;
import org.vigil.console.store.QueueItem;

/**
 * A page of the triage queue: the filter, the captures, and where the next page starts. {@code liveSince} is the
 * newest capture id when the page was read: its live stream catches up from there. {@code openIncidents} are where
 * the selection may be added. {@code yearGroups} and {@code forms} are the directory's, for the filters.
 */
public record QueuePage(PageHeader header, QueueFilterForm filter, List<QueueItem> items, Optional<String> nextHref,
                        boolean firstPage, String message, long liveSince, List<IncidentRef> openIncidents,
                        List<String> yearGroups, List<String> forms) {

    public List<String> categories() {
        return KnownCategories.IDS;
    }

    public List<CaptureStatus> statuses() {
        return List.of(CaptureStatus.values());
    }

    public String tabHref(String status) {
        return filter.withStatus(status).href();
    }

    /** Whether the page adds live captures as rows (first page, unfiltered); otherwise it only counts them. */
    public boolean insertsLiveCaptures() {
        return firstPage && filter.takesEveryNewCapture();
    }

    /** Where "sign in again" returns to: this view of the queue. */
    public String signInHref() {
        return "/login?next=" + URLEncoder.encode(filter.href(), StandardCharsets.UTF_8);
    }

    public String firstHref() {
        return filter.href();
    }

    /** The captures this filter shows, every page of them, as CSV (audited). */
    public String csvHref() {
        return "/captures.csv?" + filter.query();
    }

    public static String captureHref(QueueItem item) {
        return "/captures/" + item.id();
    }
}
