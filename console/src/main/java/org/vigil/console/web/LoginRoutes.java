package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.vigil.console.auth.Authenticator;
import org.vigil.console.auth.LoginResult;
import org.vigil.console.auth.Session;

/** Signing in and out. */
public final class LoginRoutes {
    private final Authenticator authenticator;
    private final WebAuth auth;
    private final Templates templates;

    public LoginRoutes(Authenticator authenticator, WebAuth auth, Templates templates) {
        this.authenticator = authenticator;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/login", this::showForm);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
    }

    private void showForm(Context ctx) {
        if (auth.session(ctx).isPresent()) {
            ctx.redirect("/captures", HttpStatus.SEE_OTHER);
            return;
        }
        templates.render(ctx, "login.jte", new LoginPage(PageHeader.anonymous("Sign in"), null, ""));
    }

    private void login(Context ctx) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        LoginResult result = authenticator.login(username, password, ctx.ip());
        switch (result.outcome()) {
            case SIGNED_IN -> {
                auth.startSession(ctx, result.session().orElseThrow());
                ctx.redirect("/captures", HttpStatus.SEE_OTHER);
            }
            case LOCKED_OUT -> {
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                templates.render(ctx, "login.jte", new LoginPage(PageHeader.anonymous("Sign in"),
                        "Too many failed attempts. Wait 30 seconds and try again.", username));
            }
            default -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                templates.render(ctx, "login.jte", new LoginPage(PageHeader.anonymous("Sign in"),
                        "Wrong username or password.", username));
            }
        }
    }

    private void logout(Context ctx) {
        Optional<Session> session = auth.session(ctx);
        if (session.isEmpty() || !auth.hasValidCsrfToken(ctx, session.get())) {
            auth.forbidden(ctx, session.orElse(null), "This form has expired. Go back, reload the page and try again.");
            return;
        }
        auth.endSession(ctx, session.get());
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }
}
