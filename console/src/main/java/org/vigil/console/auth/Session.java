package org.vigil.console.auth;

import java.time.Instant;

/** A signed-in user's session. */
public record Session(String id, long userId, String username, Role role, String csrfToken, Instant createdAt,
                      Instant lastUsedAt) {

    Session touchedAt(Instant now) {
        return new Session(id, userId, username, role, csrfToken, createdAt, now);
    }
}
