package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/** A problem the IT check found with a device, since when, and when IT was emailed about it (empty: not yet). */
public record OpenProblem(String deviceId, DeviceProblem problem, Instant since, Optional<Instant> reportedAt) {
}
