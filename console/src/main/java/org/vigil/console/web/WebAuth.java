package org.vigil.console.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.Sessions;
import org.vigil.console.auth.TwoFactor;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.SecureRandomStrings;

/**
 * The session cookie, role checks and CSRF checks for web routes. Every POST goes through {@link #form} (or, before
 * a session exists, the sign-in token), and every refusal of a signed-in user is audit-logged.
 */
public final class WebAuth {
    static final String COOKIE = "vigil_session";
    static final String LOGIN_COOKIE = "vigil_login";
    static final String CSRF_FIELD = "csrf";
    static final String CHANGE_PASSWORD_PATH = "/account/password";
    static final String SECOND_FACTOR_PATH = "/login/code";
    static final String ENROL_PATH = "/account/two-factor";

    private final Sessions sessions;
    private final TwoFactor twoFactor;
    private final Templates templates;
    private final AuditLog audit;

    public WebAuth(Sessions sessions, TwoFactor twoFactor, Templates templates, AuditLog audit) {
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.templates = templates;
        this.audit = audit;
    }

    /**
     * Where a signed-in user must go before anything else, in order: the second factor of this sign-in, a new
     * password in place of a one-time one, enrolment in two-factor sign-in when it is required and not on yet.
     */
    Optional<String> detour(Session session) {
        if (session.awaitsSecondFactor()) {
            return Optional.of(SECOND_FACTOR_PATH);
        }
        if (session.mustChangePassword()) {
            return Optional.of(CHANGE_PASSWORD_PATH);
        }
        if (twoFactor.mustEnrol(session)) {
            return Optional.of(ENROL_PATH);
        }
        return Optional.empty();
    }

    /**
     * Where a user goes now: the first {@link #detour} if any (the code page keeps {@code next}), else {@code next},
     * else their home: the queue for a DSL, the overview for everyone else.
     */
    String landing(Session session, Optional<String> next) {
        Optional<String> detour = detour(session);
        if (detour.isPresent()) {
            return detour.get().equals(SECOND_FACTOR_PATH) && next.isPresent()
                    ? SECOND_FACTOR_PATH + "?next=" + URLEncoder.encode(next.get(), StandardCharsets.UTF_8)
                    : detour.get();
        }
        // the overview sums the user's own schools (ADR 0195), so it is everyone's home but the DSL's
        return next.orElse(session.role() == Role.DSL ? "/captures" : "/overview");
    }

    public Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    /** The live session of the request without counting it as use (see {@link Sessions#peek}). */
    public Optional<Session> peek(Context ctx) {
        return sessions.peek(ctx.cookie(COOKIE));
    }

    /**
     * A GET handler for a script's long-lived or background request (the live queue's stream and probe): the
     * session is checked but not marked as used, so the page alone never keeps it open; refusals are plain 401
     * (no session) and 403 (audited), which a script can tell apart, not a redirect to the sign-in page.
     */
    public Handler background(Set<Role> roles, SessionHandler handler) {
        return ctx -> {
            ctx.header("Cache-Control", "no-store");
            Optional<Session> found = peek(ctx);
            if (found.isEmpty()) {
                ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8").result("signed out");
                return;
            }
            Session session = found.get();
            Optional<String> detour = detour(session);
            if (detour.isPresent() || !roles.contains(session.role())) {
                audit.record(session.username(), "access.denied", ctx.method() + " " + ctx.path(),
                        "role " + session.role() + detour.map(path -> " (must first see " + path + ")").orElse(""));
                ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8").result("forbidden");
                return;
            }
            handler.handle(ctx, session);
        };
    }

    /** A GET handler for signed-in users with one of the roles; others go to /login or get an audited 403. */
    public Handler page(Set<Role> roles, SessionHandler handler) {
        return guarded(roles, false, false, handler);
    }

    /** A POST handler: as {@link #page}, and the form must carry the session's CSRF token. */
    public Handler form(Set<Role> roles, SessionHandler handler) {
        return guarded(roles, false, true, handler);
    }

    /** A GET handler for signed-in users the rule allows (a role, or the admin flag); others get an audited 403. */
    public Handler page(Predicate<Session> allowed, SessionHandler handler) {
        return guarded(allowed, false, handler);
    }

    /** A POST handler: as {@link #page(Predicate, SessionHandler)}, with the session's CSRF token. */
    public Handler form(Predicate<Session> allowed, SessionHandler handler) {
        return guarded(allowed, true, handler);
    }

    /** A GET handler for admins (user management), whatever their role. */
    public Handler adminPage(SessionHandler handler) {
        return guarded(EnumSet.allOf(Role.class), true, false, handler);
    }

    /** A POST handler for admins. */
    public Handler adminForm(SessionHandler handler) {
        return guarded(EnumSet.allOf(Role.class), true, true, handler);
    }

    /**
     * A POST handler for a signed-in user who has passed this sign-in's second factor, even one who must still change
     * a one-time password or enrol (the pages that get them there).
     */
    public Handler ownForm(SessionHandler handler) {
        return ownForm(false, handler);
    }

    /** A POST handler for any session, even one waiting for its second factor (the code page, signing out). */
    Handler anySessionForm(SessionHandler handler) {
        return ownForm(true, handler);
    }

    private Handler ownForm(boolean beforeSecondFactor, SessionHandler handler) {
        return ctx -> {
            Optional<Session> session = session(ctx);
            if (session.isEmpty()) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            } else if (!beforeSecondFactor && session.get().awaitsSecondFactor()) {
                ctx.redirect(SECOND_FACTOR_PATH, HttpStatus.SEE_OTHER);
            } else if (!hasValidCsrfToken(ctx, session.get())) {
                refuseStaleForm(ctx, session.get());
            } else {
                handler.handle(ctx, session.get());
            }
        };
    }

    /** A GET handler as {@link #ownForm(SessionHandler)}. */
    public Handler ownPage(SessionHandler handler) {
        return ownPage(false, handler);
    }

    /** A GET handler for any session, even one waiting for its second factor (the code page). */
    Handler anySessionPage(SessionHandler handler) {
        return ownPage(true, handler);
    }

    private Handler ownPage(boolean beforeSecondFactor, SessionHandler handler) {
        return ctx -> {
            Optional<Session> session = session(ctx);
            if (session.isEmpty()) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            } else if (!beforeSecondFactor && session.get().awaitsSecondFactor()) {
                ctx.redirect(SECOND_FACTOR_PATH, HttpStatus.SEE_OTHER);
            } else {
                handler.handle(ctx, session.get());
            }
        };
    }

    private Handler guarded(Set<Role> roles, boolean adminOnly, boolean isForm, SessionHandler handler) {
        return guarded(session -> roles.contains(session.role()) && (!adminOnly || session.admin()), isForm,
                handler);
    }

    private Handler guarded(Predicate<Session> allowed, boolean isForm, SessionHandler handler) {
        return ctx -> {
            Optional<Session> found = session(ctx);
            if (found.isEmpty()) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                return;
            }
            Session session = found.get();
            Optional<String> detour = detour(session);
            if (detour.isPresent()) {
                ctx.redirect(detour.get(), HttpStatus.SEE_OTHER);
                return;
            }
            if (!allowed.test(session)) {
                audit.record(session.username(), "access.denied", ctx.method() + " " + ctx.path(),
                        "role " + session.role() + (session.admin() ? " (admin)" : ""));
                forbidden(ctx, session, "Your role does not allow this page.");
                return;
            }
            if (isForm && !hasValidCsrfToken(ctx, session)) {
                refuseStaleForm(ctx, session);
                return;
            }
            handler.handle(ctx, session);
        };
    }

    private void refuseStaleForm(Context ctx, Session session) {
        audit.record(session.username(), "csrf.refused", ctx.method() + " " + ctx.path());
        forbidden(ctx, session, "This form has expired. Go back, reload the page and try again.");
    }

    /** Whether the POST carries the session's CSRF token. */
    public boolean hasValidCsrfToken(Context ctx, Session session) {
        return sameSecret(ctx.formParam(CSRF_FIELD), session.csrfToken());
    }

    /**
     * The sign-in form's token, before any session exists: a random value in a strict same-site cookie and in the
     * form; a post from another site carries neither the cookie nor the value.
     */
    String issueLoginToken(Context ctx) {
        String token = SecureRandomStrings.base64Url(32);
        Cookie cookie = new Cookie(LOGIN_COOKIE, token);
        cookie.setPath("/login");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge(-1);
        cookie.setSecure(ctx.req().isSecure());
        ctx.cookie(cookie);
        return token;
    }

    boolean hasValidLoginToken(Context ctx) {
        String cookie = ctx.cookie(LOGIN_COOKIE);
        return cookie != null && sameSecret(ctx.formParam(CSRF_FIELD), cookie);
    }

    private static boolean sameSecret(String sent, String expected) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    public void forbidden(Context ctx, Session session, String message) {
        ctx.status(HttpStatus.FORBIDDEN);
        PageHeader header = session == null ? PageHeader.anonymous("Forbidden") : PageHeader.signedIn("Forbidden", session);
        templates.render(ctx, "message.jte", new MessagePage(header, "Forbidden", message));
    }

    void startSession(Context ctx, Session session) {
        Optional.ofNullable(ctx.cookie(COOKIE)).ifPresent(sessions::end);
        Cookie cookie = new Cookie(COOKIE, session.id());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge(-1);
        cookie.setSecure(ctx.req().isSecure());
        ctx.cookie(cookie);
        ctx.removeCookie(LOGIN_COOKIE, "/login");
    }

    void endSession(Context ctx, Session session) {
        sessions.end(session.id());
        ctx.removeCookie(COOKIE, "/");
    }

    /** A route body that needs the signed-in user's session. */
    @FunctionalInterface
    public interface SessionHandler {
        void handle(Context ctx, Session session) throws Exception;
    }
}
