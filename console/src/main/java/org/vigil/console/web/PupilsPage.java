package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.store.Pupil;

/**
 * The Pupils page (DSL only): the MIS upload, what the last upload did or why it was refused (every bad line), and
 * the pupils a search found. {@code query} is empty before any search.
 */
public record PupilsPage(PageHeader header, String query, List<Pupil> found, boolean searched,
                         Optional<String> notice, List<ImportProblem> problems, long maxUploadMegabytes) {

    public String historyHref(Pupil pupil) {
        return HistoryRoutes.pupilHref(pupil.login());
    }
}
