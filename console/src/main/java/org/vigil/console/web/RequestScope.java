package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;

/**
 * The schools a list, export or stream request covers: the user's, or the one school its {@code school=CODE}
 * names (a trust-level DSL looking at one school). A school that is not the user's is refused as {@link OutOfScope}
 * refuses a record: an audited 403.
 */
public final class RequestScope {
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;

    public RequestScope(SchoolRepository schools, OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
    }

    /**
     * The scope to query with, or empty when the request was refused (the answer is sent).
     *
     * @throws InvalidRequest for a code that is no school's, asked by a user of every school
     */
    public Optional<SchoolScope> of(Context ctx, Session session, String schoolCode) {
        if (schoolCode == null || schoolCode.isBlank()) {
            return Optional.of(session.scope());
        }
        Optional<School> school = schools.findByCode(schoolCode.strip());
        if (school.isPresent() && session.scope().includes(school.get().id())) {
            return Optional.of(new SchoolScope(Set.of(school.get().id()), false));
        }
        if (outOfScope.refused(ctx, session, "school:" + schoolCode.strip(), school.map(School::id))) {
            return Optional.empty();
        }
        throw new InvalidRequest("There is no school with the code " + schoolCode.strip() + ".");
    }
}
