package org.vigil.console.auth;

import java.time.Instant;
import org.vigil.console.store.SchoolScope;

/**
 * A signed-in user's session; {@code id} is the token in the cookie (the database holds only its hash).
 * {@code admin} users manage users; {@code mustChangePassword} confines the session to the change-password page
 * until a new password is set. {@code twoFactorEnrolled}: the user has two-factor sign-in on, and then the session
 * is only half open (the code page) until {@code secondFactorPassed}. {@code scope}: the schools the user works for,
 * read afresh with the role on every request; every query made for the session is scoped by it (ADR 0176).
 */
public record Session(String id, long userId, String username, Role role, boolean admin, boolean mustChangePassword,
                      String csrfToken, Instant createdAt, Instant lastUsedAt, boolean twoFactorEnrolled,
                      boolean secondFactorPassed, SchoolScope scope) {

    /** A session of a one-school console's user. */
    public Session(String id, long userId, String username, Role role, boolean admin, boolean mustChangePassword,
                   String csrfToken, Instant createdAt, Instant lastUsedAt, boolean twoFactorEnrolled,
                   boolean secondFactorPassed) {
        this(id, userId, username, role, admin, mustChangePassword, csrfToken, createdAt, lastUsedAt,
                twoFactorEnrolled, secondFactorPassed, SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    Session touchedAt(Instant now) {
        return new Session(id, userId, username, role, admin, mustChangePassword, csrfToken, createdAt, now,
                twoFactorEnrolled, secondFactorPassed, scope);
    }

    /** Whether the session still waits for the second factor (a TOTP or recovery code) of this sign-in. */
    public boolean awaitsSecondFactor() {
        return twoFactorEnrolled && !secondFactorPassed;
    }
}
