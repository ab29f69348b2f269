package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** One line of the change log: who made {@code version} the policy in force, when, and why. */
public record PolicyChange(long id, String version, Optional<String> previousVersion, PolicyAction action,
                           String author, Instant changedAt, Optional<String> reason) {
}
