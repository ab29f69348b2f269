package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.School;

/**
 * The Pupils page (DSL only): the MIS upload, what the last upload did or why it was refused (every bad line), and
 * the pupils a search found. {@code query} is empty before any search. {@code schools} are the user's (ADR 0205):
 * with more than one, the page offers a choice of school for the search ({@code chosen}, empty: all of them) and
 * the upload, and names each pupil's school; with one it looks as it did before schools.
 */
public record PupilsPage(PageHeader header, String query, List<Pupil> found, boolean searched,
                         Optional<String> notice, List<ImportProblem> problems, long maxUploadMegabytes,
                         List<School> schools, Optional<School> chosen) {

    public PupilsPage {
        found = List.copyOf(found);
        problems = List.copyOf(problems);
        schools = List.copyOf(schools);
    }

    public boolean severalSchools() {
        return schools.size() > 1;
    }

    public boolean isChosen(School school) {
        return chosen.filter(c -> c.id() == school.id()).isPresent();
    }

    public String schoolName(Pupil pupil) {
        return school(pupil).map(School::name).orElse("");
    }

    public String historyHref(Pupil pupil) {
        return HistoryRoutes.pupilHref(pupil.login(), school(pupil).map(School::code));
    }

    private Optional<School> school(Pupil pupil) {
        return schools.stream().filter(s -> s.id() == pupil.schoolId()).findFirst();
    }
}
