package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.vigil.console.auth.Authenticator;
import org.vigil.console.auth.LoginResult;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;

/** Signing in and out; every attempt is audit-logged. */
public final class LoginRoutes {
    static final String PATH = "/login";

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
        routes.get("/", ctx -> ctx.redirect(auth.session(ctx).map(s -> auth.landing(s, Optional.empty()))
                .orElse("/login"), HttpStatus.FOUND));
        routes.get(PATH, this::showForm);
        routes.post(PATH, this::login);
        routes.post("/logout", auth.anySessionForm(this::logout));
    }

    /**
     * Where to go after signing in when the sign-in page was asked for with {@code ?next=} (the live queue's "sign in
     * again" link): a path on this console only, never another site.
     */
    static Optional<String> next(String requested) {
        if (requested == null || requested.length() > 2000 || !requested.startsWith("/") || requested.startsWith("//")
                || !requested.matches("[A-Za-z0-9/_.~%?=&+,:-]*")) {
            return Optional.empty();
        }
        return Optional.of(requested);
    }

    private void showForm(Context ctx) {
        Optional<Session> session = auth.session(ctx);
        Optional<String> next = next(ctx.queryParam("next"));
        if (session.isPresent()) {
            ctx.redirect(auth.landing(session.get(), next), HttpStatus.SEE_OTHER);
            return;
        }
        renderForm(ctx, null, "", next);
    }

    private void login(Context ctx) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        Optional<String> next = next(ctx.formParam("next"));
        if (!auth.hasValidLoginToken(ctx)) {
            audit.record("anonymous", "csrf.refused", "POST /login", "username " + username);
            ctx.status(HttpStatus.FORBIDDEN);
            renderForm(ctx, "This sign-in form has expired or came from another site. Try again.", username, next);
            return;
        }
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        LoginResult result = authenticator.login(username, password, ctx.ip());
        switch (result.outcome()) {
            case SIGNED_IN -> {
                Session session = result.session().orElseThrow();
                auth.startSession(ctx, session);
                audit.record(session.username(), "login", "user:" + session.username(), "from " + ctx.ip());
                ctx.redirect(auth.landing(session, next), HttpStatus.SEE_OTHER);
            }
            case LOCKED_OUT -> {
                // attempts refused during a lockout check no password and are not each recorded
                long seconds = Math.max(1, result.retryAfter().orElseThrow().toSeconds());
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                ctx.header("Retry-After", Long.toString(seconds));
                renderForm(ctx, "Too many failed attempts. Wait " + seconds + " seconds and try again.", username,
                        next);
            }
            case BUSY -> {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
                ctx.header("Retry-After", Long.toString(result.retryAfter().orElseThrow().toSeconds()));
                renderForm(ctx, "The console is busy signing people in. Try again in a few seconds.", username,
                        next);
            }
            case REFUSED -> {
                audit.record("anonymous", "login.failed", "user:" + username, "from " + ctx.ip());
                String message = "Wrong username or password.";
                if (result.lockoutStarted()) {
                    long seconds = Math.max(1, result.retryAfter().orElseThrow().toSeconds());
                    audit.record("anonymous", "login.locked-out", "user:" + username,
                            "from " + ctx.ip() + ", for " + seconds + " s");
                    message += " Too many failed attempts: wait " + seconds + " seconds before trying again.";
                }
                ctx.status(HttpStatus.UNAUTHORIZED);
                renderForm(ctx, message, username, next);
            }
        }
    }

    private void renderForm(Context ctx, String message, String username, Optional<String> next) {
        templates.render(ctx, "login.jte", new LoginPage(PageHeader.anonymous("Sign in"), message, username,
                auth.issueLoginToken(ctx), next.orElse("")));
    }

    private void logout(Context ctx, Session session) {
        auth.endSession(ctx, session);
        audit.record(session.username(), "logout", "user:" + session.username());
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
}
