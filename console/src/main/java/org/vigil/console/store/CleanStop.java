package org.vigil.console.store;

import java.time.Instant;

/** The agent said it was stopping on purpose ({@code Stopping}), at this time, for this reason (may be empty). */
public record CleanStop(Instant at, String reason) {
}
