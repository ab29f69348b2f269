package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.console.store.AuditLog.AuditEntry;

/**
 * What the store holds about one pupil for a subject access request: their captures' ids, the alerts sent about
 * those captures, the audit entries naming the pupil or one of their captures, and the sign-in notices shown to them.
 * The pupil is the login typed and, when it is a pupil's in the directory, every other login linked to that pupil
 * (their directory login in any case, "SCHOOL\bsmith" linked by a DSL): data held under any of them is theirs.
 * Each query takes the school whose pupil it is (ADR 0206): the same login at another school is another pupil, so
 * only that school's captures, links, audit rows and devices count; a one-school console passes
 * {@link SchoolScope#ONE_SCHOOL_CONSOLE} and the SQL is as it was before schools.
 */
public final class SubjectAccessRepository {
    private final Database database;

    public SubjectAccessRepository(Database database) {
        this.database = database;
    }

    /**
     * A login column that is the pupil's: the login as typed, or any login linked to the same pupil in the school;
     * adds its values to {@code values}.
     */
    private static String theirs(String column, String login, SchoolScope school, List<Object> values) {
        values.add(login);
        values.add(login);
        values.addAll(school.values());
        return "(" + column + " = ? OR lower(" + column + ") IN (" + linkedLogins() + school.condition("typed.school_id")
                + "))";
    }

    private static String linkedLogins() {
        return "SELECT mine.login FROM pupil_logins typed JOIN pupil_logins mine ON mine.pupil_id = typed.pupil_id"
                + " WHERE typed.login = lower(?)";
    }

    /** The logins linked to the login's pupil in the school (their directory login, those a DSL linked), sorted. */
    public List<String> linkedLogins(String login, SchoolScope school) {
        List<Object> values = new ArrayList<>(List.of(login));
        values.addAll(school.values());
        return query("SELECT DISTINCT login FROM (" + linkedLogins() + school.condition("typed.school_id")
                + ") linked ORDER BY login", values, rows -> rows.getString(1));
    }

    public List<Long> captureIds(String login, SchoolScope school) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT id FROM captures WHERE " + theirs("os_user", login, school, values)
                + school.condition("school_id") + " ORDER BY id";
        values.addAll(school.values());
        return query(sql, values, rows -> rows.getLong(1));
    }

    public List<CaptureAlertRecord> alerts(String login, SchoolScope school) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT a.capture_id, a.kind, a.channel, a.recipient, a.created_at, a.attempts, a.delivered_at,"
                + " a.last_error FROM alert_outbox a JOIN captures c ON c.id = a.capture_id WHERE "
                + theirs("c.os_user", login, school, values) + school.condition("c.school_id") + " ORDER BY a.id";
        values.addAll(school.values());
        return query(sql, values, rows -> {
            long delivered = rows.getLong(7);
            Optional<Instant> deliveredAt = rows.wasNull() ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(delivered));
            return new CaptureAlertRecord(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                    Instant.ofEpochMilli(rows.getLong(5)), rows.getInt(6), deliveredAt,
                    Optional.ofNullable(rows.getString(8)));
        });
    }

    /**
     * Entries whose target is {@code capture:ID} of one of their captures, or {@code pupil:LOGIN} for any of their
     * logins, oldest first. For one school of several, a {@code pupil:} entry counts when the audit log lists it
     * under that school (ADR 0197) or under none: an entry naming a login held at two schools is listed under both.
     */
    public List<AuditEntry> auditEntries(String login, SchoolScope school) {
        List<Object> values = new ArrayList<>(List.of("pupil:" + login, login));
        values.addAll(school.values());
        String aboutThePupil = "(target = ? OR target IN (SELECT 'pupil:' || login FROM (" + linkedLogins()
                + school.condition("typed.school_id") + ") linked))";
        if (!school.wholeConsole()) {
            aboutThePupil = "(" + aboutThePupil + " AND (id IN (SELECT audit_id FROM audit_log_schools WHERE 1 = 1"
                    + school.condition("school_id") + ") OR NOT EXISTS (SELECT 1 FROM audit_log_schools listed"
                    + " WHERE listed.audit_id = audit_log.id)))";
            values.addAll(school.values());
        }
        String sql = "SELECT id, occurred_at, actor, action, target, detail FROM audit_log WHERE " + aboutThePupil
                + " OR target IN (SELECT 'capture:' || id FROM captures WHERE "
                + theirs("os_user", login, school, values) + school.condition("school_id") + ") ORDER BY id";
        values.addAll(school.values());
        return query(sql, values, SubjectAccessRepository::entry);
    }

    /** The sign-in notices shown to the pupil on the school's devices. */
    public List<NoticeShownToPupil> noticesShown(String login, SchoolScope school) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT n.device_id, n.shown_at, n.shown_as FROM notices_shown n"
                + (school.wholeConsole() ? "" : " JOIN devices d ON d.id = n.device_id") + " WHERE "
                + theirs("n.os_user", login, school, values) + school.condition("d.school_id") + " ORDER BY n.id";
        values.addAll(school.values());
        return query(sql, values, rows -> new NoticeShownToPupil(rows.getString(1),
                Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3)));
    }

    private <T> List<T> query(String sql, List<Object> values, Row<T> row) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(row.read(rows));
                    }
                }
                return out;
            }
        });
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static AuditEntry entry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6));
    }

    /** The sign-in notice shown to the pupil on a device. */
    public record NoticeShownToPupil(String deviceId, Instant shownAt, String shownAs) {
    }
}
