package org.vigil.console.store;

/**
 * A pupil as the school's MIS export or directory describes them, checked: the login lower-cased (ASCII only, as
 * SQLite's {@code lower()} does), names and year group non-blank, form possibly empty.
 */
public record DirectoryPupil(String login, String givenName, String familyName, String yearGroup, String form,
                             PupilFlags flags) {
}
