package org.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.console.store.SecureRandomStrings;

/** In-memory sessions: random 256-bit ids, idle expiry. A restart signs everyone out. */
public final class Sessions {
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session with a fresh id (never reuse one from before login). */
    public Session create(long userId, String username, Role role, boolean admin, boolean mustChangePassword) {
        Instant now = clock.instant();
        Session session = new Session(SecureRandomStrings.base64Url(32), userId, username, role, admin,
                mustChangePassword, SecureRandomStrings.base64Url(32), now, now);
        byId.put(session.id(), session);
        expireIdle(now);
        return session;
    }

    /** The live session with that id, marked as used now. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (isIdle(session, now)) {
            byId.remove(id, session);
            return Optional.empty();
        }
        Session touched = session.touchedAt(now);
        byId.replace(id, session, touched);
        return Optional.of(touched);
    }

    /** Whether the session exists and is not idle, without counting this as use (for long-lived streams). */
    public boolean isLive(String id) {
        Session session = id == null ? null : byId.get(id);
        return session != null && !isIdle(session, clock.instant());
    }

    /** Lifts the session's confinement to the change-password page. */
    public void passwordChanged(String id) {
        byId.computeIfPresent(id, (key, session) -> session.withPasswordChanged());
    }

    /** Ends every session of the user (after a password reset or when the user is disabled). */
    public void endAllOf(long userId) {
        byId.values().removeIf(session -> session.userId() == userId);
    }

    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private void expireIdle(Instant now) {
        byId.values().removeIf(session -> isIdle(session, now));
    }

    private static boolean isIdle(Session session, Instant now) {
        return session.lastUsedAt().plus(IDLE_TIMEOUT).isBefore(now);
    }
}
