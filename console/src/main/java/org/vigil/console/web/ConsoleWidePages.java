package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;

/**
 * Pages whose content or changes are still the whole console's, not one school's (ADR 0176): the mail server (the
 * other settings are per school, ADR 0191), wordlists and groups, and users (the overview and reports are per school
 * since ADR 0195, incidents and the audit log since ADR 0197, exception proposals since ADR 0199, alert rules, rota and
 * school hours since ADR 0204, the pupil directory since ADR 0205). Only users who work for every school reach them;
 * anyone else gets an audited 403. On a one-school console every user works for every school, so nothing changes
 * there.
 */
public final class ConsoleWidePages {
    static final List<String> PATHS = List.of("/settings/mail", "/wordlists",
            "/groups", "/users", "/schools");
    /** Under a console-wide path but per school: exception proposals (ADR 0199). */
    static final List<String> PER_SCHOOL = List.of("/wordlists/proposals");

    private final WebAuth auth;
    private final AuditLog audit;

    public ConsoleWidePages(WebAuth auth, AuditLog audit) {
        this.auth = auth;
        this.audit = audit;
    }

    public void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    private void check(Context ctx) {
        if (!consoleWide(ctx.path())) {
            return;
        }
        Optional<Session> session = auth.peek(ctx);
        if (session.isEmpty() || session.get().scope().wholeConsole()) {
            return; // signed out: the page's own handler sends them to sign in
        }
        audit.record(session.get().username(), "access.denied", ctx.method() + " " + ctx.path(),
                "a page of every school's records; the user works for " + session.get().scope().describe());
        auth.forbidden(ctx, session.get(), "This page covers every school of the console; your account works for"
                + " fewer schools.");
        ctx.skipRemainingHandlers();
    }

    static boolean consoleWide(String path) {
        return under(PATHS, path) && !under(PER_SCHOOL, path);
    }

    private static boolean under(List<String> paths, String path) {
        return paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."));
    }
}
