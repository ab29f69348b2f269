package org.vigil.console.web;

import java.util.List;
import org.vigil.console.store.QueueItem;

/** A pupil's or a device's history: weekly counts by category and a timeline of captures, newest first. */
public record HistoryPage(PageHeader header, String heading, WeeklyGrid grid, List<QueueItem> timeline) {
}
