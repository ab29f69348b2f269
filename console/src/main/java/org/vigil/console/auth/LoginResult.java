package org.vigil.console.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a login attempt.
 *
 * @param retryAfter for LOCKED_OUT and BUSY: how long to wait before trying again
 * @param lockoutStarted whether this attempt started a lockout (logged and audited once, not on every refusal)
 */
public record LoginResult(Outcome outcome, Optional<Session> session, Optional<Duration> retryAfter,
                          boolean lockoutStarted) {

    /** Why a login did or did not work. */
    public enum Outcome {
        SIGNED_IN,
        /** Wrong username or password. */
        REFUSED,
        /** Too many failures for this account, address or both: refused without checking the password. */
        LOCKED_OUT,
        /** Too many password checks running: refused without checking, try again in a moment. */
        BUSY
    }

    static LoginResult signedIn(Session session) {
        return new LoginResult(Outcome.SIGNED_IN, Optional.of(session), Optional.empty(), false);
    }

    /** A wrong password; {@code lockoutStarted} when this failure was the one too many. */
    static LoginResult refused(Optional<Duration> lockoutStarted) {
        return new LoginResult(Outcome.REFUSED, Optional.empty(), lockoutStarted, lockoutStarted.isPresent());
    }

    static LoginResult lockedOut(Duration retryAfter) {
        return new LoginResult(Outcome.LOCKED_OUT, Optional.empty(), Optional.of(retryAfter), false);
    }

    static LoginResult busy() {
        return new LoginResult(Outcome.BUSY, Optional.empty(), Optional.of(Duration.ofSeconds(5)), false);
    }
}
