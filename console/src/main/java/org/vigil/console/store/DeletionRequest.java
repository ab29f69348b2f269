package org.vigil.console.store;

import java.time.Instant;

/** A DSL's request to delete a severity 4-5 capture now, waiting for a second DSL to confirm it. */
public record DeletionRequest(long id, long captureId, String reason, String requestedBy, Instant requestedAt) {
}
