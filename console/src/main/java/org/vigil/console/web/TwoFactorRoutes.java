package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.TwoFactor;

/** The second step of signing in (a TOTP or recovery code), and enrolling in two-factor sign-in. */
public final class TwoFactorRoutes {
    private final TwoFactor twoFactor;
    private final WebAuth auth;
    private final Templates templates;

    public TwoFactorRoutes(TwoFactor twoFactor, WebAuth auth, Templates templates) {
        this.twoFactor = twoFactor;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get(WebAuth.SECOND_FACTOR_PATH, auth.anySessionPage(this::showCodeForm));
        routes.post(WebAuth.SECOND_FACTOR_PATH, auth.anySessionForm(this::check));
        routes.get(WebAuth.ENROL_PATH, auth.ownPage(this::showEnrolment));
        routes.post(WebAuth.ENROL_PATH, auth.ownForm(this::enrol));
    }

    private void showCodeForm(Context ctx, Session session) {
        Optional<String> next = LoginRoutes.next(ctx.queryParam("next"));
        if (!session.awaitsSecondFactor()) {
            ctx.redirect(auth.landing(session, next), HttpStatus.SEE_OTHER);
            return;
        }
        renderCodeForm(ctx, session, next, Optional.empty());
    }

    private void check(Context ctx, Session session) {
        Optional<String> next = LoginRoutes.next(ctx.formParam("next"));
        if (!session.awaitsSecondFactor()) {
            ctx.redirect(auth.landing(session, next), HttpStatus.SEE_OTHER);
            return;
        }
        TwoFactor.CheckResult result = twoFactor.check(session, ctx.formParam("code"), ctx.ip());
        switch (result.outcome()) {
            case PASSED -> ctx.redirect(auth.session(ctx).map(s -> auth.landing(s, next)).orElse("/login"),
                    HttpStatus.SEE_OTHER);
            case REFUSED -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                renderCodeForm(ctx, session, next, Optional.of("That code is wrong, or was used already. Wait for"
                        + " the app's next code and try again."));
            }
            case LOCKED_OUT -> {
                long seconds = Math.max(1, result.retryAfter().orElseThrow().toSeconds());
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
                ctx.header("Retry-After", Long.toString(seconds));
                renderCodeForm(ctx, session, next, Optional.of("Too many wrong codes. Wait " + seconds
                        + " seconds and try again."));
            }
        }
    }

    private void renderCodeForm(Context ctx, Session session, Optional<String> next, Optional<String> error) {
        ctx.header("Cache-Control", "no-store");
        templates.render(ctx, "login-code.jte", new CodePage(PageHeader.signedIn("Two-factor sign-in", session),
                next.orElse(""), error));
    }

    private void showEnrolment(Context ctx, Session session) {
        if (session.mustChangePassword()) {
            ctx.redirect(WebAuth.CHANGE_PASSWORD_PATH, HttpStatus.SEE_OTHER);
            return;
        }
        if (session.twoFactorEnrolled()) {
            render(ctx, new EnrolPage(PageHeader.signedIn("Two-factor sign-in", session), Optional.empty(),
                    twoFactor.unusedRecoveryCodes(session.userId()), List.of(), Optional.empty()));
            return;
        }
        renderEnrolment(ctx, session, Optional.empty());
    }

    private void enrol(Context ctx, Session session) {
        if (session.mustChangePassword() || session.twoFactorEnrolled()) {
            ctx.redirect(WebAuth.ENROL_PATH, HttpStatus.SEE_OTHER);
            return;
        }
        Refusals.showOn(ctx, refused -> renderEnrolment(ctx, session, Optional.of(refused.getMessage())));
        List<String> codes = twoFactor.enrol(session, ctx.formParam("code"));
        render(ctx, new EnrolPage(PageHeader.signedIn("Two-factor sign-in", session), Optional.empty(), codes.size(),
                codes, Optional.empty()));
    }

    private void renderEnrolment(Context ctx, Session session, Optional<String> error) {
        render(ctx, new EnrolPage(PageHeader.signedIn("Two-factor sign-in", session),
                Optional.of(twoFactor.enrolment(session)), 0, List.of(), error));
    }

    private void render(Context ctx, EnrolPage page) {
        ctx.header("Cache-Control", "no-store");
        templates.render(ctx, "two-factor.jte", page);
    }

    /** The code form of a half-open session; {@code next} where to go after (empty: the user's home). */
    public record CodePage(PageHeader header, String next, Optional<String> error) {
    }

    /**
     * The enrolment page: the secret to enrol when there is one, the recovery codes just made (shown once), or the
     * count of unused ones once two-factor sign-in is on.
     */
    public record EnrolPage(PageHeader header, Optional<TwoFactor.Enrolment> enrolment, long unusedRecoveryCodes,
                            List<String> recoveryCodes, Optional<String> error) {
    }
}
