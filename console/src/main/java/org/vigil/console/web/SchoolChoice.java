package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;

/**
 * Which school a page of per-school settings is about (ADR 0191), from its {@code school=CODE}: none named is the
 * trust's defaults for a user of every school, and the user's own (first) school for anyone else. A school that
 * is not the user's is refused as {@link OutOfScope} refuses a record: an audited 403.
 */
public final class SchoolChoice {
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;

    public SchoolChoice(SchoolRepository schools, OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
    }

    /** The school a request is about ({@link Chosen#school} empty: the trust's), or empty when it was refused. */
    public Optional<Chosen> of(Context ctx, Session session) {
        String code = ctx.queryParam("school");
        List<School> all = schools.list();
        List<School> mine = all.stream().filter(school -> session.scope().includes(school.id())).toList();
        if (code == null || code.isBlank()) {
            if (session.scope().wholeConsole()) {
                return Optional.of(new Chosen(Optional.empty(), mine, true));
            }
            if (mine.isEmpty()) {
                outOfScope.refused(ctx, session, "school:(none)", List.of());
                return Optional.empty();
            }
            return Optional.of(new Chosen(Optional.of(mine.get(0)), mine, false));
        }
        Optional<School> named = all.stream().filter(school -> school.code().equals(code.strip())).findFirst();
        if (named.isPresent() && session.scope().includes(named.get().id())) {
            return Optional.of(new Chosen(named, mine, session.scope().wholeConsole()));
        }
        if (outOfScope.refused(ctx, session, "school:" + code.strip(), named.map(School::id))) {
            return Optional.empty();
        }
        throw new InvalidRequest("There is no school with the code " + code.strip() + ".");
    }

    /**
     * The school chosen (empty: the trust's defaults), the schools the user may choose between, and whether they
     * may see and change the trust's defaults (a user of every school).
     */
    public record Chosen(Optional<School> school, List<School> choices, boolean trust) {
        public Chosen {
            choices = List.copyOf(choices);
        }

        /** {@code "?school=CODE"} for links and forms that stay on this school, or nothing for the trust's. */
        public String query() {
            return school.map(s -> "?school=" + s.code()).orElse("");
        }
    }
}
