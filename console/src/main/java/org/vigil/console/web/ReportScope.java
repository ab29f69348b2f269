package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.vigil.console.auth.Session;
import org.vigil.console.reports.ReportedSchools;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;

/**
 * The schools the overview, a report, its PDF or CSV covers for the reader (ADR 0195): every school they work for,
 * or the one their {@code school=CODE} names. Another school's code is refused as {@link RequestScope} refuses it:
 * an audited 403, for the page and the downloads alike.
 */
public final class ReportScope {
    private final SchoolRepository schools;
    private final RequestScope requestScope;
    private final Supplier<String> consoleSchoolName;
    private final WebAuth auth;

    /** @param consoleSchoolName the school name of the settings, which a one-school console's reports carry */
    public ReportScope(SchoolRepository schools, RequestScope requestScope, Supplier<String> consoleSchoolName,
                       WebAuth auth) {
        this.schools = schools;
        this.requestScope = requestScope;
        this.consoleSchoolName = consoleSchoolName;
        this.auth = auth;
    }

    /**
     * The schools asked for, or empty when the request was refused (the answer is sent).
     *
     * @throws org.vigil.console.request.InvalidRequest for a code that is no school's, asked by a user of every school
     */
    public Optional<ReportedSchools> of(Context ctx, Session session, String schoolCode) {
        Optional<SchoolScope> scope = requestScope.of(ctx, session, schoolCode);
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        List<School> every = schools.list();
        List<School> covered = every.stream().filter(school -> scope.get().includes(school.id())).toList();
        if (covered.isEmpty()) {
            auth.forbidden(ctx, session, "Your account works for no school yet.");
            return Optional.empty();
        }
        String name = every.size() == 1 ? consoleSchoolName.get()
                : covered.size() == every.size() ? "All " + every.size() + " schools"
                : String.join(", ", covered.stream().map(School::name).toList());
        return Optional.of(new ReportedSchools(covered, name));
    }

    /** The schools the reader may choose between, when they work for more than one (else none: no choice). */
    public List<School> choices(Session session) {
        List<School> theirs = schools.list().stream().filter(s -> session.scope().includes(s.id())).toList();
        return theirs.size() > 1 ? theirs : List.of();
    }
}
