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
 */
public final class SubjectAccessRepository {
    /** A login column that is the pupil's: the login as typed, or any login linked to the same pupil. */
    private static final String THEIRS = "(%1$s = ? OR lower(%1$s) IN (SELECT mine.login FROM pupil_logins typed"
            + " JOIN pupil_logins mine ON mine.pupil_id = typed.pupil_id WHERE typed.login = lower(?)))";

    private final Database database;

    private static String theirs(String column) {
        return String.format(THEIRS, column);
    }

    public SubjectAccessRepository(Database database) {
        this.database = database;
    }

    public List<Long> captureIds(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM captures WHERE " + theirs("os_user") + " ORDER BY id")) {
                statement.setString(1, login);
                statement.setString(2, login);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    public List<CaptureAlertRecord> alerts(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT a.capture_id, a.kind, a.channel,"
                    + " a.recipient, a.created_at, a.attempts, a.delivered_at, a.last_error FROM alert_outbox a"
                    + " JOIN captures c ON c.id = a.capture_id WHERE " + theirs("c.os_user") + " ORDER BY a.id")) {
                statement.setString(1, login);
                statement.setString(2, login);
                List<CaptureAlertRecord> alerts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long delivered = rows.getLong(7);
                        Optional<Instant> deliveredAt = rows.wasNull() ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(delivered));
                        alerts.add(new CaptureAlertRecord(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), Instant.ofEpochMilli(rows.getLong(5)), rows.getInt(6), deliveredAt,
                                Optional.ofNullable(rows.getString(8))));
                    }
                }
                return alerts;
            }
        });
    }

    /**
     * Entries whose target is {@code pupil:LOGIN} for any of their logins or {@code capture:ID} of one of their
     * captures, oldest first.
     */
    public List<AuditEntry> auditEntries(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, occurred_at, actor, action,"
                    + " target, detail FROM audit_log WHERE target = ? OR target IN (SELECT 'pupil:' || mine.login FROM"
                    + " pupil_logins typed JOIN pupil_logins mine ON mine.pupil_id = typed.pupil_id"
                    + " WHERE typed.login = lower(?)) OR target IN (SELECT 'capture:' || id FROM captures WHERE "
                    + theirs("os_user") + ") ORDER BY id")) {
                statement.setString(1, "pupil:" + login);
                statement.setString(2, login);
                statement.setString(3, login);
                statement.setString(4, login);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
                return entries;
            }
        });
    }

    public List<NoticeShownToPupil> noticesShown(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT device_id, shown_at, shown_as"
                    + " FROM notices_shown WHERE " + theirs("os_user") + " ORDER BY id")) {
                statement.setString(1, login);
                statement.setString(2, login);
                List<NoticeShownToPupil> notices = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        notices.add(new NoticeShownToPupil(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                                rows.getString(3)));
                    }
                }
                return notices;
            }
        });
    }

    private static AuditEntry entry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6));
    }

    /** The sign-in notice shown to the pupil on a device. */
    public record NoticeShownToPupil(String deviceId, Instant shownAt, String shownAs) {
    }
}
