package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Several captures linked by a DSL into one concern and triaged together. Its status follows the captures' lifecycle
 * ({@link CaptureStatus}); {@code closure} is present once it is closed.
 */
public record Incident(long id, String title, String createdBy, Instant createdAt, CaptureStatus status,
                       Optional<Closure> closure) {
}
