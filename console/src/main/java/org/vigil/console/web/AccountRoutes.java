package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.vigil.console.auth.PasswordRules;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.UserAdministration;

/** Changing one's own password; the only page open to a user who still has a one-time password. */
public final class AccountRoutes {
    private final UserAdministration administration;
    private final WebAuth auth;
    private final Templates templates;

    public AccountRoutes(UserAdministration administration, WebAuth auth, Templates templates) {
        this.administration = administration;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get(WebAuth.CHANGE_PASSWORD_PATH, auth.ownPage((ctx, s) -> render(ctx, s, Optional.empty())));
        routes.post(WebAuth.CHANGE_PASSWORD_PATH, auth.ownForm(this::change));
    }

    private void change(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.of(refused.getMessage())));
        administration.changeOwnPassword(session, ctx.formParam("current"), ctx.formParam("password"),
                ctx.formParam("repeat"));
        ctx.redirect(auth.session(ctx).map(s -> auth.landing(s, Optional.empty())).orElse("/login"),
                HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, Session session, Optional<String> error) {
        templates.render(ctx, "password.jte", new PasswordPage(PageHeader.signedIn("Change password", session),
                session.mustChangePassword(), PasswordRules.MIN_LENGTH, error));
    }

    /** The change-password form; {@code forced} when a one-time password must be replaced before anything else. */
    public record PasswordPage(PageHeader header, boolean forced, int minLength, Optional<String> error) {
    }
}
