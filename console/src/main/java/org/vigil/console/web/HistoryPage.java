package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.School;

/**
 * A pupil's or a device's history: weekly counts by category and a timeline of captures, newest first;
 * {@code subjectAccessPupil} is the pupil's login on a pupil's page (for the subject access export button), {@code subjectAccessSchools} the school the button sends (the one the page shows) or
 * the schools it offers to choose from (ADR 0206), and {@code directoryPupil} who that is, if the directory knows.
 */
public record HistoryPage(PageHeader header, String heading, WeeklyGrid grid, List<QueueItem> timeline,
                          Optional<String> subjectAccessPupil, List<School> subjectAccessSchools,
                          Optional<Pupil> directoryPupil) {
}
