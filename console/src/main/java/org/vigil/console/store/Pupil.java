package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A pupil in a school's directory (ADR 0205): who they are, where from ({@code CSV} or {@code LDAP}), and when they
 * left, if so.
 */
public record Pupil(long id, long schoolId, DirectoryPupil details, String source, Optional<Instant> leftAt) {

    public String login() {
        return details.login();
    }

    /** "Given Family". */
    public String fullName() {
        return details.givenName() + " " + details.familyName();
    }

    /** "Year 9, 9B" (or only the year group when there is no form), with "left" when they have. */
    public String yearAndForm() {
        String year = details.yearGroup().matches("\\d+") ? "Year " + details.yearGroup() : details.yearGroup();
        return (details.form().isEmpty() ? year : year + ", " + details.form()) + (leftAt.isPresent() ? ", left" : "");
    }

    public PupilFlags flags() {
        return details.flags();
    }
}
