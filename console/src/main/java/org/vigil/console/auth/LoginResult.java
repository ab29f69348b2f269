package org.vigil.console.auth;

import java.util.Optional;

/** The outcome of a login attempt. */
public record LoginResult(Outcome outcome, Optional<Session> session) {

    /** Why a login did or did not work. */
    public enum Outcome { SIGNED_IN, REFUSED, LOCKED_OUT }

    static LoginResult signedIn(Session session) {
        return new LoginResult(Outcome.SIGNED_IN, Optional.of(session));
    }

    static LoginResult refused() {
        return new LoginResult(Outcome.REFUSED, Optional.empty());
    }

    static LoginResult lockedOut() {
        return new LoginResult(Outcome.LOCKED_OUT, Optional.empty());
    }
}
