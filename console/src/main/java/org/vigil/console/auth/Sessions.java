package org.vigil.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.console.store.SessionRepository;
import org.vigil.console.store.SessionRepository.StoredSession;

/**
 * Web sessions stored in the database (ADR 0131): random 256-bit tokens of which only the SHA-256 is stored, idle
 * and absolute expiry, and the user's name, role and flags read afresh on every request. A console restart keeps
 * them; a command run beside a serving console (a password reset) ends them.
 */
public final class Sessions {
    /** The most a session's recorded last use may lag behind: one write per session per step, not per request. */
    private static final Duration MAX_TOUCH_STEP = Duration.ofSeconds(10);

    private final SessionRepository repository;
    private final Clock clock;
    private final SessionTimeouts timeouts;
    private final Duration touchStep;

    public Sessions(SessionRepository repository, Clock clock) {
        this(repository, clock, SessionTimeouts.defaults());
    }

    public Sessions(SessionRepository repository, Clock clock, SessionTimeouts timeouts) {
        this.repository = repository;
        this.clock = clock;
        this.timeouts = timeouts;
        Duration step = timeouts.idle().dividedBy(30);
        this.touchStep = step.compareTo(MAX_TOUCH_STEP) < 0 ? step : MAX_TOUCH_STEP;
    }

    public SessionTimeouts timeouts() {
        return timeouts;
    }

    /** A new session with a fresh token (never reuse one from before login); expired sessions are purged. */
    public Session create(long userId, String username, Role role, boolean admin, boolean mustChangePassword) {
        Instant now = clock.instant();
        purgeExpired(now);
        String token = SecureRandomStrings.base64Url(32);
        String csrf = SecureRandomStrings.base64Url(32);
        repository.insert(Hashes.sha256Hex(token), userId, csrf, mustChangePassword, now);
        return stored(token).orElseThrow(() -> new IllegalStateException("a session just stored was not found"));
    }

    /** The live session with that token, marked as used now. */
    public Optional<Session> find(String token) {
        Instant now = clock.instant();
        Optional<Session> stored = stored(token);
        Optional<Session> live = stored.filter(session -> state(session, now) == SessionState.LIVE);
        if (stored.isPresent() && live.isEmpty()) {
            end(token);
        }
        live.filter(session -> !session.lastUsedAt().plus(touchStep).isAfter(now))
                .ifPresent(session -> repository.touch(Hashes.sha256Hex(token), now));
        return live.map(session -> session.touchedAt(now));
    }

    /**
     * The live session with that token without counting this as use: for the live queue's stream and its probe,
     * which must not keep a session open for a DSL who walked away.
     */
    public Optional<Session> peek(String token) {
        Instant now = clock.instant();
        return stored(token).filter(session -> state(session, now) == SessionState.LIVE);
    }

    /** Whether the session exists and has not timed out, without counting this as use (for long-lived streams). */
    public boolean isLive(String token) {
        return state(token) == SessionState.LIVE;
    }

    /** Where the session stands, without counting this as use. */
    public SessionState state(String token) {
        return stored(token).map(session -> state(session, clock.instant())).orElse(SessionState.ENDED);
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
    public void passwordChanged(String token) {
        repository.passwordChanged(Hashes.sha256Hex(token));
    }

    /** Records that the session passed the second factor of its sign-in. */
    public void secondFactorPassed(String token) {
        repository.secondFactorPassed(Hashes.sha256Hex(token), clock.instant());
    }

    /** The TOTP secret of an enrolment in progress in this session. */
    public Optional<String> pendingTotpSecret(String token) {
        return repository.pendingTotpSecret(Hashes.sha256Hex(token));
    }

    public void setPendingTotpSecret(String token, String secret) {
        repository.setPendingTotpSecret(Hashes.sha256Hex(token), secret);
    }

    /** Ends every session of the user (after a password reset, or when the user is disabled). */
    public void endAllOf(long userId) {
        repository.deleteAllOf(userId);
    }

    /** Ends every other session of the user (after they change their own password elsewhere may be an attacker). */
    public void endOthersOf(long userId, String keep) {
        repository.deleteOthersOf(userId, Hashes.sha256Hex(keep));
    }

    public void end(String token) {
        if (token != null && !token.isEmpty()) {
            repository.delete(Hashes.sha256Hex(token));
        }
    }

    private Optional<Session> stored(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return repository.find(Hashes.sha256Hex(token)).flatMap(stored -> toSession(token, stored));
    }

    private static Optional<Session> toSession(String token, StoredSession stored) {
        Role role;
        try {
            role = Role.valueOf(stored.role());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Session(token, stored.userId(), stored.username(), role, stored.admin(),
                stored.mustChangePassword(), stored.csrfToken(), stored.createdAt(), stored.lastUsedAt(),
                stored.twoFactorEnrolled(), stored.secondFactorPassed(), stored.scope()));
    }

    private void purgeExpired(Instant now) {
        repository.deleteExpired(now.minus(timeouts.absolute()), now.minus(timeouts.idle()));
    }

    private SessionState state(Session session, Instant now) {
        if (!session.createdAt().plus(timeouts.absolute()).isAfter(now)) {
            return SessionState.EXPIRED;
        }
        return session.lastUsedAt().plus(timeouts.idle()).isBefore(now) ? SessionState.IDLE : SessionState.LIVE;
    }
}
