package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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
    /**
     * A capture is held when a hold in force names it, its incident, or its pupil (OS login). Three lookups, each an
     * equality on index {@code legal_holds_in_force}: one condition with OR read every hold in force for every
     * capture considered.
     */
    static final String NOT_HELD = "NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL"
            + " AND h.scope = 'CAPTURE' AND h.target = CAST(c.id AS TEXT))"
            + " AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL"
            + " AND h.scope = 'PUPIL' AND h.target = c.os_user)"
            + " AND NOT EXISTS (SELECT 1 FROM incident_captures ic JOIN legal_holds h ON h.lifted_at IS NULL"
            + " AND h.scope = 'INCIDENT' AND h.target = CAST(ic.incident_id AS TEXT) WHERE ic.capture_id = c.id)";

    // The statements a batch runs, each once for the whole batch (ADR 0144); %s is the IN list, one bound
    // parameter per capture. RetentionQueryPlansTest reads each one's query plan.
    static final String SCREENSHOTS_OF = "SELECT screenshot_sha256, screenshot_media_type, screenshot_width,"
            + " screenshot_height FROM captures WHERE id IN %s AND screenshot_sha256 IS NOT NULL ORDER BY id";
    /** What hangs off a capture, deleted before it; the capture row last. */
    static final List<String> DELETE_CAPTURES = List.of(
            "DELETE FROM capture_notes WHERE capture_id IN %s",
            "DELETE FROM screenshot_justifications WHERE capture_id IN %s",
            "DELETE FROM alert_outbox WHERE capture_id IN %s",
            "DELETE FROM incident_captures WHERE capture_id IN %s",
            "DELETE FROM captures WHERE id IN %s");
    /** What the audit log said about them in words goes; the entries, their digests and the chain stay. */
    static final String REDACT_AUDIT = "UPDATE audit_log SET detail = NULL WHERE target IN %s AND detail IS NOT NULL";
    static final String CLEAR_SCREENSHOTS = "UPDATE captures SET screenshot_sha256 = NULL,"
            + " screenshot_media_type = NULL, screenshot_width = NULL, screenshot_height = NULL,"
            + " screenshot_purged_at = ? WHERE id IN %s";
    static final String SCREENSHOTS_IN_USE = "SELECT DISTINCT screenshot_sha256 FROM captures"
            + " WHERE screenshot_sha256 IN %s";

    /** Narrows what is due to one school's captures: a school's purge runs by its own policy (ADR 0191). */
    private static final String OF_SCHOOL = " AND c.school_id = ?";

    /** Values bound in one IN list at most: well inside every database's parameter limit (SQLite's is 32,766). */
    public static final int MAX_IN_LIST = 5_000;

    private final Database database;
    private final Clock clock;

    public RetentionRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Up to {@code limit} captures the rule makes due before {@code cutoff}, oldest first, none held. */
    public List<Long> capturesDue(PurgeRule rule, Instant cutoff, int limit) {
        return ids(capturesDueSql(rule), cutoff.toEpochMilli(), Optional.empty(), limit);
    }

    /** As {@link #capturesDue(PurgeRule, Instant, int)}, of one school's captures only (ADR 0191). */
    public List<Long> capturesDue(PurgeRule rule, Instant cutoff, long schoolId, int limit) {
        return ids(capturesDueSql(rule, OF_SCHOOL), cutoff.toEpochMilli(), Optional.of(schoolId), limit);
    }

    static String capturesDueSql(PurgeRule rule) {
        return capturesDueSql(rule, "");
    }

    private static String capturesDueSql(PurgeRule rule, String school) {
        return "SELECT c.id FROM captures c WHERE " + rule.condition() + school + " AND " + NOT_HELD
                + " ORDER BY " + rule.order() + " LIMIT ?";
    }

    /**
     * Deletes the captures with everything hanging off them (notes, justifications, alert records, incident
     * links) and redacts the details of the audit entries about them, in the caller's transaction: one statement per
     * table for the whole batch, whatever its size (ADR 0144). Returns how many captures went and the screenshots they
     * referred to; their files are the caller's to remove after the commit, for those {@link #screenshotsInUse} does
     * not name.
     */
    public PurgedRows deleteCaptures(List<Long> ids) {
        if (ids.isEmpty()) {
            return new PurgedRows(0, Set.of());
        }
        return database.inTransaction(connection -> {
            Set<ScreenshotRef> screenshots = screenshots(connection, ids);
            update(connection, inList(REDACT_AUDIT, ids.size()), ids.stream().map(id -> "capture:" + id).toList());
            int deleted = 0;
            for (String sql : DELETE_CAPTURES) {
                deleted = update(connection, inList(sql, ids.size()), ids); // the last: the captures themselves
            }
            return new PurgedRows(deleted, screenshots);
        });
    }

    /** Up to {@code limit} decided captures whose screenshot is due before {@code cutoff}, none held. */
    public List<Long> screenshotsDue(Instant cutoff, int limit) {
        return ids(screenshotsDueSql(), cutoff.toEpochMilli(), Optional.empty(), limit);
    }

    /** As {@link #screenshotsDue(Instant, int)}, of one school's captures only (ADR 0191). */
    public List<Long> screenshotsDue(Instant cutoff, long schoolId, int limit) {
        return ids(screenshotsDueSql(OF_SCHOOL), cutoff.toEpochMilli(), Optional.of(schoolId), limit);
    }

    /**
     * Read in the order of the partial index {@code captures_screenshot_due} (V33), which holds only captures that
     * still have a screenshot: no sort, and the ones already cleared are never walked again.
     */
    static String screenshotsDueSql() {
        return screenshotsDueSql("");
    }

    private static String screenshotsDueSql(String school) {
        return "SELECT c.id FROM captures c WHERE c.screenshot_sha256 IS NOT NULL"
                + " AND c.status IN ('FALSE_POSITIVE', 'NO_FURTHER_ACTION', 'CLOSED') AND c.status_changed_at < ?"
                + school + " AND " + NOT_HELD + " ORDER BY c.status, c.status_changed_at, c.id LIMIT ?";
    }

    /** Takes the screenshot off each capture (in the caller's transaction); returns how many and the screenshots. */
    public PurgedRows clearScreenshots(List<Long> ids) {
        if (ids.isEmpty()) {
            return new PurgedRows(0, Set.of());
        }
        return database.inTransaction(connection -> {
            Set<ScreenshotRef> screenshots = screenshots(connection, ids);
            List<Object> parameters = new ArrayList<>();
            parameters.add(clock.millis());
            parameters.addAll(ids);
            return new PurgedRows(update(connection, inList(CLEAR_SCREENSHOTS, ids.size()), parameters), screenshots);
        });
    }

    /** Which of these screenshots some capture still refers to (their files must stay): one query for them all. */
    public Set<String> screenshotsInUse(Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return Set.of();
        }
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    inList(SCREENSHOTS_IN_USE, sha256s.size()))) {
                bind(statement, 1, List.copyOf(sha256s));
                Set<String> inUse = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inUse.add(rows.getString(1));
                    }
                }
                return inUse;
            }
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
            for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST));
                update(connection, inList("DELETE FROM incident_notes WHERE incident_id IN %s", chunk.size()), chunk);
                update(connection, inList("DELETE FROM incidents WHERE id IN %s", chunk.size()), chunk);
                update(connection, inList(REDACT_AUDIT, chunk.size()),
                        chunk.stream().map(id -> "incident:" + id).toList());
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
     * The last of the next {@code limit} audit entries up to {@code throughId} (the oldest still there): how far one
     * batch of the audit log's retention removes. Empty when none is left.
     */
    public Optional<Long> auditBatchEnd(long throughId, int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT max(b.id) FROM"
                    + " (SELECT id FROM audit_log WHERE id <= ? ORDER BY id LIMIT ?) b")) {
                statement.setLong(1, throughId);
                statement.setInt(2, limit);
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
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM audit_log_schools WHERE audit_id <= ?")) {
                delete.setLong(1, throughId);
                delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_log WHERE id <= ?")) {
                delete.setLong(1, throughId);
                return delete.executeUpdate();
            }
        });
    }

    private static Set<ScreenshotRef> screenshots(Connection connection, List<Long> captureIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(inList(SCREENSHOTS_OF, captureIds.size()))) {
            bind(statement, 1, captureIds);
            Set<ScreenshotRef> screenshots = new LinkedHashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    screenshots.add(new ScreenshotRef(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getInt(4)));
                }
            }
            return screenshots;
        }
    }

    private static int update(Connection connection, String sql, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(first + i, values.get(i));
        }
    }

    /** The statement with {@code (?, ?, ...)} for its IN list of {@code count} values (never values in the SQL). */
    static String inList(String sql, int count) {
        return sql.replace("%s", "(" + String.join(", ", Collections.nCopies(count, "?")) + ")");
    }

    private List<Long> ids(String sql, long millis, Optional<Long> school, int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, millis);
                if (school.isPresent()) {
                    statement.setLong(2, school.get());
                }
                statement.setInt(school.isPresent() ? 3 : 2, limit);
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
