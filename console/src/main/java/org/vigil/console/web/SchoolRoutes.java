package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.School;

/**
 * /schools for admins: the console's schools (tenants) and a form to add one (ADR 0175). Each school then gets its
 * own enrolment tokens, devices, captures and staff.
 */
public final class SchoolRoutes {
    static final String PATH = "/schools";

    private final Schools schools;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public SchoolRoutes(Schools schools, WebAuth auth, Templates templates, Flash flash) {
        this.schools = schools;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.adminPage((ctx, s) -> render(ctx, s, flash.take(s), Optional.empty())));
        routes.post(PATH, auth.adminForm(this::create));
    }

    private void create(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.empty(),
                Optional.of(refused.getMessage() + " No school was added.")));
        School school = schools.create(session.username(), ctx.formParam("code"), ctx.formParam("name"));
        flash.put(session, "Added " + school.name() + " (" + school.code() + "). Make its enrolment tokens on the"
                + " tokens page, and its staff on the users page.");
        ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, Session session, Optional<String> notice, Optional<String> error) {
        templates.render(ctx, "schools.jte", new SchoolsPage(PageHeader.signedIn("Schools", session),
                schools.list(), notice, error, Schools.MAX_CODE_LENGTH, Schools.MAX_NAME_LENGTH));
    }

    /** The schools page. */
    public record SchoolsPage(PageHeader header, List<School> schools, Optional<String> notice,
                              Optional<String> error, int maxCodeLength, int maxNameLength) {
    }
}
