package org.vigil.console.store;

import java.time.Instant;

/** A token just made: its id, the secret itself (never stored, shown once) and when it expires. */
public record MintedToken(long id, String token, Instant expiresAt) {
}
