package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An enrolment token as IT sees it in a list (the token itself is never stored, only its hash), with the school
 * whose devices it enrols.
 */
public record TokenSummary(long id, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt, String note,
                           long devicesEnrolled, Optional<String> group, long schoolId) {
}
