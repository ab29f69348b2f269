package org.vigil.console.store;

import java.time.Instant;

/** A DSL's note on a capture. */
public record Note(long id, long captureId, String author, Instant createdAt, String body) {
}
