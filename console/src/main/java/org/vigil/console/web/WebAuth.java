package org.vigil.console.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.Sessions;

/** The session cookie, role checks and CSRF checks for web routes. */
public final class WebAuth {
    static final String COOKIE = "vigil_session";
    static final String CSRF_FIELD = "csrf";

    private final Sessions sessions;
    private final Templates templates;

    public WebAuth(Sessions sessions, Templates templates) {
        this.sessions = sessions;
        this.templates = templates;
    }

    public Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    /** A handler that runs only for a signed-in user with the role; others go to /login or get 403. */
    public Handler requireRole(Role role, SessionHandler handler) {
        return ctx -> {
            Optional<Session> session = session(ctx);
            if (session.isEmpty()) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                return;
            }
            if (session.get().role() != role) {
                forbidden(ctx, session.get(), "Your role does not allow this page.");
                return;
            }
            handler.handle(ctx, session.get());
        };
    }

    /** Whether the POST carries the session's CSRF token. */
    public boolean hasValidCsrfToken(Context ctx, Session session) {
        String sent = ctx.formParam(CSRF_FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
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
        ctx.cookie(cookie);
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
