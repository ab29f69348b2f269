package org.vigil.console.auth;

import java.time.Instant;

/**
 * A signed-in user's session; {@code id} is the token in the cookie (the database holds only its hash).
 * {@code admin} users manage users; {@code mustChangePassword} confines the session to the change-password page
 * until a new password is set.
 */
public record Session(String id, long userId, String username, Role role, boolean admin, boolean mustChangePassword,
                      String csrfToken, Instant createdAt, Instant lastUsedAt) {

    Session touchedAt(Instant now) {
        return new Session(id, userId, username, role, admin, mustChangePassword, csrfToken, createdAt, now);
    }

    Session withPasswordChanged() {
        return new Session(id, userId, username, role, admin, false, csrfToken, createdAt, lastUsedAt);
    }
}
