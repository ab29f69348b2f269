package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.vigil.console.auth.Authenticator;
import org.vigil.console.auth.LoginResult;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;

/** Signing in and out; every attempt is audit-logged. */
public final class LoginRoutes {
    private final Authenticator authenticator;
    private final WebAuth auth;
    private final Templates templates;
    private final AuditLog audit;

    public LoginRoutes(Authenticator authenticator, WebAuth auth, Templates templates, AuditLog audit) {
        this.authenticator = authenticator;
        this.auth = auth;
        this.templates = templates;
        this.audit = audit;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect(auth.session(ctx).map(LoginRoutes::home).orElse("/login"),
                HttpStatus.FOUND));
        routes.get("/login", this::showForm);
        routes.post("/login", this::login);
        routes.post("/logout", auth.ownForm(this::logout));
    }

    /** Where a user lands after signing in: the queue for a DSL, the overview for everyone else. */
    static String home(Session session) {
        if (session.mustChangePassword()) {
            return WebAuth.CHANGE_PASSWORD_PATH;
        }
        return session.role() == Role.DSL ? "/captures" : "/overview";
    }

    private void showForm(Context ctx) {
        Optional<Session> session = auth.session(ctx);
        if (session.isPresent()) {
            ctx.redirect(home(session.get()), HttpStatus.SEE_OTHER);
            return;
        }
        renderForm(ctx, null, "");
    }

    private void login(Context ctx) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        if (!auth.hasValidLoginToken(ctx)) {
            audit.record("anonymous", "csrf.refused", "POST /login", "username " + username);
            ctx.status(HttpStatus.FORBIDDEN);
            renderForm(ctx, "This sign-in form has expired or came from another site. Try again.", username);
            return;
        }
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        LoginResult result = authenticator.login(username, password, ctx.ip());
        switch (result.outcome()) {
            case SIGNED_IN -> {
                Session session = result.session().orElseThrow();
                auth.startSession(ctx, session);
                audit.record(session.username(), "login", "user:" + session.username(), "from " + ctx.ip());
                ctx.redirect(home(session), HttpStatus.SEE_OTHER);
            }
            case LOCKED_OUT -> {
                audit.record("anonymous", "login.locked-out", "user:" + username, "from " + ctx.ip());
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                renderForm(ctx, "Too many failed attempts. Wait 30 seconds and try again.", username);
            }
            default -> {
                audit.record("anonymous", "login.failed", "user:" + username, "from " + ctx.ip());
                ctx.status(HttpStatus.UNAUTHORIZED);
                renderForm(ctx, "Wrong username or password.", username);
            }
        }
    }

    private void renderForm(Context ctx, String message, String username) {
        templates.render(ctx, "login.jte", new LoginPage(PageHeader.anonymous("Sign in"), message, username,
                auth.issueLoginToken(ctx)));
    }

    private void logout(Context ctx, Session session) {
        auth.endSession(ctx, session);
        audit.record(session.username(), "logout", "user:" + session.username());
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
}
