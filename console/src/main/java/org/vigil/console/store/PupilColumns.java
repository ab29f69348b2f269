package org.vigil.console.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The pupil a capture belongs to, joined onto a capture query aliased {@code c}: the same join as the
 * {@code capture_pupils} view (V53), spelled out so the queue can filter on the pupil's columns. Only a pupil of the
 * capture's own school (ADR 0205): another school's pupil with the same login is someone else.
 */
final class PupilColumns {
    /** Twelve columns, NULL when the capture's login matches no pupil of its school. */
    static final String COLUMNS = "p.id, p.login, p.given_name, p.family_name, p.year_group, p.form,"
            + " p.child_protection_plan, p.looked_after, p.send_support, p.source, p.left_at, p.school_id";
    static final String JOIN = " LEFT JOIN pupil_logins pl ON pl.school_id = c.school_id"
            + " AND pl.login = lower(c.os_user) LEFT JOIN pupils p ON p.id = pl.pupil_id";

    private PupilColumns() {
    }

    /** The pupil in the row's columns from {@code first} on, if there is one. */
    static Optional<Pupil> read(ResultSet rows, int first) throws SQLException {
        long id = rows.getLong(first);
        if (rows.wasNull()) {
            return Optional.empty();
        }
        long leftAt = rows.getLong(first + 10);
        Optional<Instant> left = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(leftAt));
        return Optional.of(new Pupil(id, rows.getLong(first + 11), new DirectoryPupil(rows.getString(first + 1), rows.getString(first + 2),
                rows.getString(first + 3), rows.getString(first + 4), rows.getString(first + 5),
                new PupilFlags(rows.getInt(first + 6) == 1, rows.getInt(first + 7) == 1, rows.getInt(first + 8) == 1)),
                rows.getString(first + 9), left));
    }
}
