package org.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.console.store.SecureRandomStrings;

/** In-memory sessions: random 256-bit ids, idle and absolute expiry. A restart signs everyone out. */
public final class Sessions {
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SessionTimeouts timeouts;

    public Sessions(Clock clock) {
        this(clock, SessionTimeouts.defaults());
    }

    public Sessions(Clock clock, SessionTimeouts timeouts) {
        this.clock = clock;
        this.timeouts = timeouts;
    }

    public SessionTimeouts timeouts() {
        return timeouts;
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
        if (state(session, now) != SessionState.LIVE) {
            byId.remove(id, session);
            return Optional.empty();
        }
        Session touched = session.touchedAt(now);
        byId.replace(id, session, touched);
        return Optional.of(touched);
    }

    /**
     * The live session with that id without counting this as use: for the live queue's stream and its probe, which
     * must not keep a session open for a DSL who walked away.
     */
    public Optional<Session> peek(String id) {
        Session session = id == null ? null : byId.get(id);
        if (session == null || state(session, clock.instant()) != SessionState.LIVE) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Whether the session exists and has not timed out, without counting this as use (for long-lived streams). */
    public boolean isLive(String id) {
        return state(id) == SessionState.LIVE;
    }

    /** Where the session stands, without counting this as use. */
    public SessionState state(String id) {
        Session session = id == null ? null : byId.get(id);
        return session == null ? SessionState.ENDED : state(session, clock.instant());
    }

    /** How long the session has before it times out if unused: the nearer of the idle and the absolute limit. */
    public Duration remaining(Session session) {
        Instant now = clock.instant();
        Instant idleEnd = session.lastUsedAt().plus(timeouts.idle());
        Instant absoluteEnd = session.createdAt().plus(timeouts.absolute());
        Instant end = idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
        return now.isBefore(end) ? Duration.between(now, end) : Duration.ZERO;
    }

    /** Lifts the session's confinement to the change-password page. */
    public void passwordChanged(String id) {
        byId.computeIfPresent(id, (key, session) -> session.withPasswordChanged());
    }

    /** Ends every session of the user (after a password reset or when the user is disabled). */
    public void endAllOf(long userId) {
        byId.values().removeIf(session -> session.userId() == userId);
    }

    /** Ends every other session of the user (after they change their own password elsewhere may be an attacker). */
    public void endOthersOf(long userId, String keep) {
        byId.values().removeIf(session -> session.userId() == userId && !session.id().equals(keep));
    }

    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private void expireIdle(Instant now) {
        byId.values().removeIf(session -> state(session, now) != SessionState.LIVE);
    }

    private SessionState state(Session session, Instant now) {
        if (!session.createdAt().plus(timeouts.absolute()).isAfter(now)) {
            return SessionState.EXPIRED;
        }
        return session.lastUsedAt().plus(timeouts.idle()).isBefore(now) ? SessionState.IDLE : SessionState.LIVE;
    }
}
