package org.vigil.console.store;

/** A console user as stored: the role is the name of an {@code auth.Role}. */
public record StoredUser(long id, String username, String passwordHash, String role, boolean disabled,
                         boolean admin, boolean mustChangePassword) {
}
