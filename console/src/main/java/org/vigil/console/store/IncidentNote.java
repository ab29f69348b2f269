package org.vigil.console.store;

import java.time.Instant;

/** A DSL's note on an incident. */
public record IncidentNote(long id, String author, Instant createdAt, String body) {
}
