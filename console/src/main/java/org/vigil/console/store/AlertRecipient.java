package org.vigil.console.store;

/** An enabled user with an email address, as the alert rules see them; the role is the name of an auth.Role. */
public record AlertRecipient(long userId, String username, String role, String email) {
}
