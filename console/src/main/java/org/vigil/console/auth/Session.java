package org.vigil.console.auth;

import java.time.Instant;

/**
 * A signed-in user's session; {@code id} is the token in the cookie (the database holds only its hash).
 * {@code admin} users manage users; {@code mustChangePassword} confines the session to the change-password page
 * until a new password is set. {@code twoFactorEnrolled}: the user has two-factor sign-in on, and then the session
 * is only half open (the code page) until {@code secondFactorPassed}.
 */
public record Session(String id, long userId, String username, Role role, boolean admin, boolean mustChangePassword,
                      String csrfToken, Instant createdAt, Instant lastUsedAt, boolean twoFactorEnrolled,
                      boolean secondFactorPassed) {

    Session touchedAt(Instant now) {
        return new Session(id, userId, username, role, admin, mustChangePassword, csrfToken, createdAt, now,
                twoFactorEnrolled, secondFactorPassed);
    }

    /** Whether the session still waits for the second factor (a TOTP or recovery code) of this sign-in. */
    public boolean awaitsSecondFactor() {
        return twoFactorEnrolled && !secondFactorPassed;
    }
}
