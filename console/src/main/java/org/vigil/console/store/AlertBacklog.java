package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** Undelivered alerts: how many, since when, and the last error an attempt met (if any attempt failed). */
public record AlertBacklog(long undelivered, Optional<Instant> oldest, Optional<String> lastError) {
}
