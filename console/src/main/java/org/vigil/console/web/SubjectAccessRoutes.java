package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.export.SubjectAccessExport;
import org.vigil.console.export.SubjectAccessSchool;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;

/**
 * {@code POST /history/pupil/subject-access}: the button on a pupil's history page that downloads everything Vigil
 * holds about them as one zip (DSL only; audited with who, for whom and the request it answers).
 */
public final class SubjectAccessRoutes {
    public static final String PATH = "/history/pupil/subject-access";

    private final SubjectAccessExport export;
    private final WebAuth auth;
    private final RequestScope requestScope;
    private final SubjectAccessSchool pupilSchool;
    private final OutOfScope outOfScope;

    public SubjectAccessRoutes(SubjectAccessExport export, WebAuth auth, SchoolRepository schools,
                               OutOfScope outOfScope) {
        this.export = export;
        this.auth = auth;
        this.requestScope = new RequestScope(schools, outOfScope);
        this.pupilSchool = new SubjectAccessSchool(schools);
        this.outOfScope = outOfScope;
    }

    public void register(RoutesConfig routes) {
        routes.post(PATH, auth.form(EnumSet.of(Role.DSL), this::download));
    }

    private void download(Context ctx, Session session) throws IOException {
        String pupil = ctx.formParam("name");
        // school=CODE (the history page's school): that school's pupil alone (ADR 0206); not the user's → audited 403
        Optional<String> code = Params.nonBlank(ctx.formParam("school"));
        Optional<SchoolScope> chosen = requestScope.of(ctx, session, code.orElse(null));
        if (chosen.isEmpty()) {
            return;
        }
        Optional<Long> named = code.map(c -> chosen.get().schoolIds().iterator().next());
        Optional<SchoolScope> school = pupilSchool.of(pupil, named, session.scope());
        if (school.isEmpty() && outOfScope.refused(ctx, session, "pupil:" + pupil, pupilSchool.schoolsOfLogin(pupil))) {
            return;
        }
        // built whole before sending, so a refusal or failure is an error page rather than half a zip
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        export.export(session.username(), pupil, school.orElseThrow(), ctx.formParam("request"), zip);
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"vigil-subject-access-" + fileSafe(pupil)
                + ".zip\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(zip.toByteArray());
    }

    /** A login as a file name: letters, digits, dot, dash and underscore; anything else becomes "_". */
    static String fileSafe(String login) {
        return login.strip().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
