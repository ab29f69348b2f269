package org.vigil.console.reports;

import java.util.List;
import org.vigil.console.store.School;

/**
 * The schools a report covers (ADR 0195) and the name it goes by on the page, the PDF and the CSV: one school, a
 * trust-level reader's chosen schools together, or every school of the console. Several schools get a line each
 * beside their total.
 */
public record ReportedSchools(List<School> schools, String name) {

    public ReportedSchools {
        if (schools.isEmpty()) {
            throw new IllegalArgumentException("a report covers at least one school");
        }
        schools = List.copyOf(schools);
    }

    public List<Long> ids() {
        return schools.stream().map(School::id).toList();
    }

    /** Whether the report covers more than one school, and so shows each school apart. */
    public boolean several() {
        return schools.size() > 1;
    }
}
