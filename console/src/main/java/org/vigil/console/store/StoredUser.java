package org.vigil.console.store;

import java.util.Optional;

/**
 * A console user as stored: the role is the name of an {@code auth.Role}; the email is where their alerts go, if
 * they have one.
 */
public record StoredUser(long id, String username, String passwordHash, String role, boolean disabled,
                         boolean admin, boolean mustChangePassword, Optional<String> email) {
}
