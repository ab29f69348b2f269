package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of retention (ADR 0142): which captures, screenshots, incidents and audit entries are due, and removing
 * them in small batches that the caller runs each in its own transaction. Nothing under a legal hold in force is
 * ever returned as due.
 */
public final class RetentionRepository {
    /** A capture is held when a hold in force names it, its incident, or its pupil (OS login). */
    static final String NOT_HELD = "NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL AND ("
            + "(h.scope = 'CAPTURE' AND h.target = CAST(c.id AS TEXT))"
            + " OR (h.scope = 'PUPIL' AND h.target = c.os_user)"
            + " OR (h.scope = 'INCIDENT' AND h.target IN (SELECT CAST(ic.incident_id AS TEXT)"
            + " FROM incident_captures ic WHERE ic.capture_id = c.id))))";

    private static final List<String> CAPTURE_CHILDREN = List.of(
            "DELETE FROM capture_notes WHERE capture_id = ?",
            "DELETE FROM screenshot_justifications WHERE capture_id = ?",
            "DELETE FROM alert_outbox WHERE capture_id = ?",
            "DELETE FROM incident_captures WHERE capture_id = ?",
            // what the audit log said about the capture in words goes with it; the entries and chain stay
            "UPDATE audit_log SET detail = NULL WHERE target = ? AND detail IS NOT NULL");

    private final Database database;
    private final Clock clock;

    public RetentionRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Up to {@code limit} captures the rule makes due before {@code cutoff}, oldest first, none held. */
    public List<Long> capturesDue(PurgeRule rule, Instant cutoff, int limit) {
        return ids("SELECT c.id FROM captures c WHERE " + rule.condition() + " AND " + NOT_HELD
                + " ORDER BY " + rule.order() + " LIMIT ?", cutoff.toEpochMilli(), limit);
    }

    /**
     * Deletes the captures with everything hanging off them (notes, justifications, alert records, incident
     * links) and redacts the details of the audit entries about them, in the caller's transaction. Returns the
     * screenshots they referred to; their files are the caller's to remove after the commit, when
     * {@link #screenshotInUse} says no capture still uses them.
     */
    public Set<ScreenshotRef> deleteCaptures(List<Long> ids) {
        return database.inTransaction(connection -> {
            Set<ScreenshotRef> screenshots = new LinkedHashSet<>();
            for (long id : ids) {
                screenshot(connection, id).ifPresent(screenshots::add);
                for (String sql : CAPTURE_CHILDREN) {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        if (sql.startsWith("UPDATE audit_log")) {
                            statement.setString(1, "capture:" + id);
                        } else {
                            statement.setLong(1, id);
                        }
                        statement.executeUpdate();
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM captures WHERE id = ?")) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            }
            return screenshots;
        });
    }

    /** Up to {@code limit} decided captures whose screenshot is due before {@code cutoff}, none held. */
    public List<Long> screenshotsDue(Instant cutoff, int limit) {
        return ids("SELECT c.id FROM captures c WHERE c.screenshot_sha256 IS NOT NULL"
                + " AND c.status IN ('FALSE_POSITIVE', 'NO_FURTHER_ACTION', 'CLOSED') AND c.status_changed_at < ?"
                + " AND " + NOT_HELD + " ORDER BY c.id LIMIT ?", cutoff.toEpochMilli(), limit);
    }

    /** Takes the screenshot off each capture (in the caller's transaction); returns the screenshots they had. */
    public Set<ScreenshotRef> clearScreenshots(List<Long> ids) {
        return database.inTransaction(connection -> {
            Set<ScreenshotRef> screenshots = new LinkedHashSet<>();
            for (long id : ids) {
                screenshot(connection, id).ifPresent(screenshots::add);
                try (PreparedStatement clear = connection.prepareStatement("UPDATE captures SET"
                        + " screenshot_sha256 = NULL, screenshot_media_type = NULL, screenshot_width = NULL,"
                        + " screenshot_height = NULL, screenshot_purged_at = ? WHERE id = ?")) {
                    clear.setLong(1, clock.millis());
                    clear.setLong(2, id);
                    clear.executeUpdate();
                }
            }
            return screenshots;
        });
    }

    /** Whether any capture still refers to the screenshot (its file must then stay). */
    public boolean screenshotInUse(String sha256) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT 1 FROM captures WHERE screenshot_sha256 = ? LIMIT 1")) {
                statement.setString(1, sha256);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * Deletes decided incidents that no capture belongs to any more (their notes with them), none held, in the
     * caller's transaction. Returns how many.
     */
    public int deleteEmptyIncidents() {
        return database.inTransaction(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT i.id FROM incidents i"
                    + " WHERE i.status IN ('FALSE_POSITIVE', 'NO_FURTHER_ACTION', 'CLOSED')"
                    + " AND NOT EXISTS (SELECT 1 FROM incident_captures ic WHERE ic.incident_id = i.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL"
                    + " AND h.scope = 'INCIDENT' AND h.target = CAST(i.id AS TEXT))");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            for (long id : ids) {
                for (String sql : List.of("DELETE FROM incident_notes WHERE incident_id = ?",
                        "DELETE FROM incidents WHERE id = ?")) {
                    try (PreparedStatement delete = connection.prepareStatement(sql)) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                    }
                }
                try (PreparedStatement redact = connection.prepareStatement(
                        "UPDATE audit_log SET detail = NULL WHERE target = ? AND detail IS NOT NULL")) {
                    redact.setString(1, "incident:" + id);
                    redact.executeUpdate();
                }
            }
            return ids.size();
        });
    }

    /**
     * The newest audit entry older than {@code cutoff} that may be removed with every entry before it; never the
     * chain's newest entry, so the chain always has a head to follow.
     */
    public Optional<Long> auditDueThrough(Instant cutoff) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT max(id) FROM audit_log"
                    + " WHERE occurred_at < ? AND id < (SELECT max(id) FROM audit_log)")) {
                statement.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rows = statement.executeQuery()) {
                    long id = rows.next() ? rows.getLong(1) : 0;
                    return id == 0 ? Optional.<Long>empty() : Optional.of(id);
                }
            }
        });
    }

    /**
     * Removes the audit entries up to and including {@code throughId}, in the caller's transaction, recording the
     * hash the first entry kept follows so the chain can still be checked from there. Returns how many.
     */
    public int removeAuditThrough(long throughId) {
        return database.inTransaction(connection -> {
            String hash;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT hash FROM audit_log WHERE id = ?")) {
                statement.setLong(1, throughId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next() || rows.getString(1) == null) {
                        throw new StoreException("audit entry " + throughId + " is missing or unsealed", null);
                    }
                    hash = rows.getString(1);
                }
            }
            try (PreparedStatement tail = connection.prepareStatement(
                    "INSERT INTO audit_chain_tail (id, removed_through, first_prev_hash) VALUES (1, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET removed_through = excluded.removed_through,"
                            + " first_prev_hash = excluded.first_prev_hash")) {
                tail.setLong(1, throughId);
                tail.setString(2, hash);
                tail.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_log WHERE id <= ?")) {
                delete.setLong(1, throughId);
                return delete.executeUpdate();
            }
        });
    }

    private static Optional<ScreenshotRef> screenshot(Connection connection, long captureId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT screenshot_sha256, screenshot_media_type, screenshot_width, screenshot_height FROM captures"
                        + " WHERE id = ?")) {
            statement.setLong(1, captureId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getString(1) != null
                        ? Optional.of(new ScreenshotRef(rows.getString(1), rows.getString(2), rows.getInt(3),
                        rows.getInt(4))) : Optional.empty();
            }
        }
    }

    private List<Long> ids(String sql, long millis, int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, millis);
                statement.setInt(2, limit);
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
}
