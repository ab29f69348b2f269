package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.QueueItem;

/**
 * A pupil's or a device's history: weekly counts by category and a timeline of captures, newest first;
 * {@code subjectAccessPupil} is the pupil's login on a pupil's page (for the subject access export button), {@code subjectAccessSchool} the code of the school the page shows, which the
 * button sends (ADR 0206), and {@code directoryPupil} who that is, if the directory knows.
 */
public record HistoryPage(PageHeader header, String heading, WeeklyGrid grid, List<QueueItem> timeline,
                          Optional<String> subjectAccessPupil, Optional<String> subjectAccessSchool,
                          Optional<Pupil> directoryPupil) {
}
