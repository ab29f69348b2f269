package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alert outbox (V9, V10, V12): alerts written with their capture (or queued by a scheduler: escalation, digest,
 * IT), then claimed (V37), sent and marked delivered by the sender.
 */
public final class AlertRepository {
    private static final String DUE = "SELECT o.alert_id, o.kind, o.channel, o.recipient, o.attempts, o.subject,"
            + " o.body, o.capture_id, c.category, c.severity, c.occurred_at, c.os_user, d.hostname, "
            + PupilColumns.COLUMNS + " FROM alert_outbox o"
            + " LEFT JOIN captures c ON c.id = o.capture_id LEFT JOIN devices d ON d.id = c.device_id"
            + PupilColumns.JOIN
            + " WHERE o.delivered_at IS NULL AND o.channel = ? AND o.next_attempt_at <= ?"
            + " AND (o.claimed_until IS NULL OR o.claimed_until <= ?)"
            + " ORDER BY o.next_attempt_at, o.id LIMIT ?";

    private final Database database;
    private final Clock clock;

    public AlertRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Enabled users of the role who have an email address. */
    public List<AlertRecipient> recipientsWithRole(String role) {
        return recipients("", role);
    }

    /**
     * Enabled users of the role with an email address who work for the school (ADR 0191): its own users,
     * trust-level users who chose it, and admins (the trust's, ADR 0176). On a one-school console, every user.
     */
    public List<AlertRecipient> recipientsWithRole(String role, long schoolId) {
        return recipients(" AND ((SELECT count(*) FROM schools) = 1 OR u.is_admin = 1"
                + " OR (u.trust_level = 0 AND u.school_id = ?)"
                + " OR (u.trust_level = 1 AND EXISTS (SELECT 1 FROM user_schools us WHERE us.user_id = u.id"
                + " AND us.school_id = ?)))", role, schoolId, schoolId);
    }

    /** The school a device belongs to (a capture's school is its device's at ingest); the first if none. */
    public long schoolOfDevice(String deviceId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT school_id FROM devices WHERE id = ?")) {
                statement.setString(1, deviceId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : School.FIRST;
                }
            }
        });
    }

    private List<AlertRecipient> recipients(String schoolCondition, Object... parameters) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT u.id, u.username, u.role, trim(u.email) FROM users u WHERE u.role = ? AND u.disabled = 0"
                            + " AND u.email IS NOT NULL AND trim(u.email) <> ''" + schoolCondition
                            + " ORDER BY u.id")) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<AlertRecipient> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new AlertRecipient(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4)));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Adds the alerts, due now, in the transaction open on this thread (or one of their own). An alert already
     * queued (the same kind, dedupe key, channel and recipient) is not added again.
     *
     * @return how many were added
     */
    public int insert(List<NewAlert> alerts) {
        if (alerts.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO alert_outbox (alert_id, kind, dedupe_key, capture_id, channel, user_id, recipient,"
                            + " subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (kind, dedupe_key, channel, recipient) DO NOTHING")) {
                int added = 0;
                for (NewAlert alert : alerts) {
                    statement.setString(1, alert.alertId());
                    statement.setString(2, alert.kind().name());
                    statement.setString(3, alert.dedupeKey());
                    statement.setObject(4, alert.captureId().orElse(null));
                    statement.setString(5, alert.channel().name());
                    statement.setObject(6, alert.userId().orElse(null));
                    statement.setString(7, alert.recipient());
                    statement.setString(8, alert.subject().orElse(null));
                    statement.setString(9, alert.body().orElse(null));
                    statement.setLong(10, now);
                    statement.setLong(11, now);
                    added += statement.executeUpdate();
                }
                return added;
            }
        });
    }

    /**
     * The channel's undelivered alerts whose next attempt is due and that no instance holds a live claim on, oldest
     * first.
     */
    public List<PendingAlert> due(AlertChannel channel, int limit) {
        long now = clock.millis();
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(DUE)) {
                statement.setString(1, channel.name());
                statement.setLong(2, now);
                statement.setLong(3, now);
                statement.setInt(4, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<PendingAlert> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(pending(rows));
                    }
                    return out;
                }
            }
        });
    }

    private static PendingAlert pending(ResultSet rows) throws java.sql.SQLException {
        AlertKind kind = AlertKind.valueOf(rows.getString(2));
        Optional<String> subject = Optional.ofNullable(rows.getString(6));
        AlertContent content = kind.aboutOneCapture()
                ? new AlertContent.AboutCapture(new CaptureFacts(rows.getLong(8), rows.getString(9), rows.getInt(10),
                        Instant.ofEpochMilli(rows.getLong(11)), rows.getString(12), rows.getString(13),
                        PupilColumns.read(rows, 14).map(p -> p.fullName() + ", " + p.yearAndForm())), subject)
                : new AlertContent.Composed(subject.orElseThrow(), rows.getString(7));
        return new PendingAlert(rows.getString(1), kind, AlertChannel.valueOf(rows.getString(3)), rows.getString(4),
                rows.getInt(5), content);
    }

    /**
     * Claims the undelivered alert for the instance until {@code until}, unless another instance holds a claim that
     * has not expired (ADR 0173). Only the claimant sends it; a claim left by an instance that died expires.
     *
     * @return whether this instance has it now
     */
    public boolean claim(String alertId, String instanceId, Instant until) {
        long now = clock.millis();
        // due still: another instance may have tried it, failed and set it to wait since this one read it
        return update("UPDATE alert_outbox SET claimed_by = ?, claimed_until = ? WHERE alert_id = ?"
                + " AND delivered_at IS NULL AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ? OR claimed_by = ?)",
                instanceId, until.toEpochMilli(), alertId, now, now, instanceId) == 1;
    }

    /**
     * Releases every claim: for a console that is the only instance on its database (SQLite), whose claims at start
     * can only be its own from before a crash.
     */
    public int releaseAllClaims() {
        return update("UPDATE alert_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL"
                + " AND delivered_at IS NULL");
    }

    public void markDelivered(String alertId) {
        long now = clock.millis();
        update("UPDATE alert_outbox SET delivered_at = ?, attempts = attempts + 1, last_attempt_at = ?,"
                + " last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE alert_id = ?"
                + " AND delivered_at IS NULL", now, now, alertId);
    }

    /** Records a failed attempt, its error (one line, no secrets) and when to try again. */
    public void markFailed(String alertId, String error, Instant nextAttempt) {
        update("UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?,"
                + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE alert_id = ?"
                + " AND delivered_at IS NULL",
                clock.millis(), error, nextAttempt.toEpochMilli(), alertId);
    }

    /**
     * Makes the channel's undelivered alerts due now: after a restart, a fixed mail or webhook setting should not
     * wait out a backoff.
     */
    public int makeAllDueNow(AlertChannel channel) {
        long now = clock.millis();
        return update("UPDATE alert_outbox SET next_attempt_at = ? WHERE delivered_at IS NULL AND channel = ?"
                + " AND next_attempt_at > ?", now, channel.name(), now);
    }

    /** Every undelivered alert, whatever its channel. */
    public AlertBacklog backlog() {
        return backlog("1 = 1");
    }

    /** The channel's undelivered alerts: a mail server that is down says nothing about the webhook. */
    public AlertBacklog backlog(AlertChannel channel) {
        return backlog("channel = '" + channel.name() + "'");
    }

    private AlertBacklog backlog(String where) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*), min(created_at), (SELECT last_error FROM alert_outbox WHERE delivered_at IS NULL"
                            + " AND last_error IS NOT NULL AND " + where
                            + " ORDER BY last_attempt_at DESC, id DESC LIMIT 1)"
                            + " FROM alert_outbox WHERE delivered_at IS NULL AND " + where);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                long oldest = rows.getLong(2);
                Optional<Instant> since = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
                return new AlertBacklog(rows.getLong(1), since, Optional.ofNullable(rows.getString(3)));
            }
        });
    }

    private int update(String sql, Object... args) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                return statement.executeUpdate();
            }
        });
    }
}
