package org.vigil.console.store;

import java.time.Instant;

/** A DSL's recorded reason for viewing a sensitive screenshot. */
public record Justification(String username, Instant createdAt, String text) {
}
