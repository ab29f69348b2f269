package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Triage's reads and writes over the captures table: the queue, statuses, assignment, notes, justifications and
 * histories. Queries are assembled from fixed clauses; every value is a bound parameter.
 */
public final class TriageRepository {
    private static final String ITEM_COLUMNS = "SELECT c.id, c.occurred_at, c.severity, c.category, c.os_user,"
            + " c.device_id, d.hostname, c.matched_text, c.status, u.username, " + PupilColumns.COLUMNS
            + " FROM captures c JOIN devices d ON d.id = c.device_id LEFT JOIN users u ON u.id = c.assigned_to"
            + PupilColumns.JOIN;
    private static final String QUEUE_ORDER = " ORDER BY c.severity DESC, c.occurred_at DESC, c.id DESC LIMIT ?";
    private static final String TIME_ORDER = " ORDER BY c.occurred_at DESC, c.id DESC LIMIT ?";
    /** The captures of a login and of every other login the directory knows as the same pupil's (ADR 0151). */
    /** The login's captures and those of every login of its pupil in the capture's own school (ADR 0205). */
    private static final String OF_PUPIL = "(c.os_user = ? OR lower(c.os_user) IN (SELECT l.login FROM pupil_logins l"
            + " JOIN pupil_logins m ON m.pupil_id = l.pupil_id"
            + " WHERE m.school_id = c.school_id AND m.login = lower(?)))";
    private static final long WEEK_MILLIS = 7L * 24 * 60 * 60 * 1000;
    /** The epoch began on a Thursday; shifting by three days makes weeks start on Mondays (UTC). */
    private static final long MONDAY_SHIFT_MILLIS = 3L * 24 * 60 * 60 * 1000;

    private final Database database;
    private final Clock clock;

    public TriageRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * A page of the scope's queue, most severe then newest first, starting after the cursor if there is one.
     */
    public List<QueueItem> queue(QueueFilter filter, Optional<QueueCursor> after, int limit, SchoolScope scope) {
        Query query = queueQuery(filter, after, limit, scope);
        return items(query.sql(), query.args());
    }

    /** A statement and its bound values. */
    record Query(String sql, List<Object> args) {
    }

    /** The queue's statement (package-private: {@code ScopedQueuePlanTest} reads its plan). */
    static Query queueQuery(QueueFilter filter, Optional<QueueCursor> after, int limit, SchoolScope scope) {
        StringBuilder sql = new StringBuilder(ITEM_COLUMNS).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        sql.append(scope.condition("c.school_id"));
        args.addAll(scope.values());
        filter.status().ifPresent(s -> add(sql, args, " AND c.status = ?", s.name()));
        filter.category().ifPresent(c -> add(sql, args, " AND c.category = ?", c));
        filter.minSeverity().ifPresent(s -> add(sql, args, " AND c.severity >= ?", s));
        filter.pupil().ifPresent(p -> {
            String like = "%" + likeEscaped(p.strip().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (lower(c.os_user) LIKE ? ESCAPE '\\' OR lower(p.given_name || ' ' || p.family_name)"
                    + " LIKE ? ESCAPE '\\' OR lower(p.family_name || ' ' || p.given_name) LIKE ? ESCAPE '\\')");
            args.addAll(List.of(like, like, like));
        });
        filter.yearGroup().ifPresent(y -> add(sql, args, " AND p.year_group = ?", y));
        filter.form().ifPresent(f -> add(sql, args, " AND p.form = ?", f));
        filter.deviceId().ifPresent(d -> add(sql, args, " AND c.device_id = ?", d));
        filter.from().ifPresent(f -> add(sql, args, " AND c.occurred_at >= ?", f));
        filter.until().ifPresent(u -> add(sql, args, " AND c.occurred_at < ?", u));
        filter.openAssignedTo().ifPresent(u -> {
            add(sql, args, " AND c.assigned_to = ?", u);
            sql.append(" AND c.status IN (");
            sql.append(String.join(", ", CaptureStatus.OPEN.stream().map(s -> "?").toList()));
            sql.append(")");
            CaptureStatus.OPEN.forEach(s -> args.add(s.name()));
        });
        after.ifPresent(c -> {
            sql.append(" AND (c.severity, c.occurred_at, c.id) < (?, ?, ?)");
            args.add(c.severity());
            args.add(c.occurredAt());
            args.add(c.id());
        });
        sql.append(QUEUE_ORDER);
        args.add(limit);
        return new Query(sql.toString(), args);
    }

    /** The newest capture's id, 0 if there is none: where a queue page's live stream starts catching up. */
    public long latestCaptureId() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM captures");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The pupil's captures (under this login or another of theirs) in the scope's schools, newest first. */
    public List<QueueItem> pupilTimeline(String pupil, int limit, SchoolScope scope) {
        return items(ITEM_COLUMNS + " WHERE " + OF_PUPIL + scope.condition("c.school_id") + TIME_ORDER,
                scoped(List.of(pupil, pupil), scope, limit));
    }

    /** The device's captures in the scope's schools, newest first. */
    public List<QueueItem> deviceTimeline(String deviceId, int limit, SchoolScope scope) {
        return items(ITEM_COLUMNS + " WHERE c.device_id = ?" + scope.condition("c.school_id") + TIME_ORDER,
                scoped(List.of(deviceId), scope, limit));
    }

    /** These captures (ids that exist in the scope's schools), in queue order. */
    public List<QueueItem> itemsById(List<Long> captureIds, SchoolScope scope) {
        List<Long> distinct = captureIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", distinct.stream().map(id -> "?").toList());
        return items(ITEM_COLUMNS + " WHERE c.id IN (" + marks + ")" + scope.condition("c.school_id") + QUEUE_ORDER,
                scoped(List.copyOf(distinct), scope, distinct.size()));
    }

    /** The pupil's other captures in the scope's schools, newest first. */
    public List<QueueItem> othersOfPupil(String pupil, long exceptCaptureId, int limit, SchoolScope scope) {
        return items(ITEM_COLUMNS + " WHERE " + OF_PUPIL + " AND c.id <> ?" + scope.condition("c.school_id")
                + TIME_ORDER, scoped(List.of(pupil, pupil, exceptCaptureId), scope, limit));
    }

    /** Weekly counts by category of the pupil's captures in the scope's schools since {@code since}. */
    public List<CategoryCount> pupilWeeklyCounts(String pupil, Instant since, SchoolScope scope) {
        return weeklyCounts(OF_PUPIL + scope.condition("c.school_id"), scoped(List.of(pupil, pupil), scope), since);
    }

    public List<CategoryCount> deviceWeeklyCounts(String deviceId, Instant since, SchoolScope scope) {
        return weeklyCounts("c.device_id = ?" + scope.condition("c.school_id"), scoped(List.of(deviceId), scope),
                since);
    }

    /** The arguments, then the scope's values, then any more (a limit). */
    private static List<Object> scoped(List<?> args, SchoolScope scope, Object... more) {
        List<Object> out = new ArrayList<>(args);
        out.addAll(scope.values());
        out.addAll(List.of(more));
        return out;
    }

    /** The number of the Monday-to-Sunday week (UTC) the instant falls in. */
    public static long weekOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli() + MONDAY_SHIFT_MILLIS, WEEK_MILLIS);
    }

    public static Instant startOfWeek(long week) {
        return Instant.ofEpochMilli(week * WEEK_MILLIS - MONDAY_SHIFT_MILLIS);
    }

    private List<CategoryCount> weeklyCounts(String condition, List<Object> values, Instant since) {
        String sql = "SELECT c.category, (c.occurred_at + ?) / ? AS week, count(*) FROM captures c"
                + " WHERE " + condition + " AND c.occurred_at >= ? GROUP BY c.category, week ORDER BY c.category, week";
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, MONDAY_SHIFT_MILLIS);
                statement.setLong(2, WEEK_MILLIS);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(3 + i, values.get(i));
                }
                statement.setLong(3 + values.size(), since.toEpochMilli());
                List<CategoryCount> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new CategoryCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                    }
                }
                return out;
            }
        });
    }

    public Optional<CaptureStatus> status(long captureId) {
        return database.withConnection(connection -> currentStatus(connection, captureId));
    }

    /**
     * Moves the capture to the status if the move is allowed from where it is now.
     *
     * @return the status it had, if the move happened
     */
    public Optional<CaptureStatus> moveTo(long captureId, CaptureStatus target) {
        return database.inTransaction(connection -> {
            Optional<CaptureStatus> current = currentStatus(connection, captureId);
            if (current.isEmpty() || !current.get().canMoveTo(target)) {
                return Optional.empty();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE captures SET status = ?, status_changed_at = ? WHERE id = ? AND status = ?")) {
                statement.setString(1, target.name());
                statement.setLong(2, clock.millis());
                statement.setLong(3, captureId);
                statement.setString(4, current.get().name());
                return statement.executeUpdate() == 1 ? current : Optional.empty();
            }
        });
    }

    /** The capture's severity, if it exists. */
    public Optional<Integer> severity(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT severity FROM captures WHERE id = ?")) {
                statement.setLong(1, captureId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Closes an escalated capture with its outcome.
     *
     * @return whether it was escalated (and is now closed)
     */
    public boolean close(long captureId, CaseOutcome outcome, String escalatedTo, String closedBy) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE captures SET status = ?,"
                    + " status_changed_at = ?, outcome = ?, escalated_to = ?, closed_by = ?, closed_at = ?"
                    + " WHERE id = ? AND status = ?")) {
                long now = clock.millis();
                statement.setString(1, CaptureStatus.CLOSED.name());
                statement.setLong(2, now);
                statement.setString(3, outcome.name());
                statement.setString(4, escalatedTo);
                statement.setString(5, closedBy);
                statement.setLong(6, now);
                statement.setLong(7, captureId);
                statement.setString(8, CaptureStatus.ESCALATED.name());
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** How the capture was closed, if it is closed. */
    public Optional<Closure> closure(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT outcome, escalated_to, closed_by,"
                    + " closed_at FROM captures WHERE id = ? AND status = ?")) {
                statement.setLong(1, captureId);
                statement.setString(2, CaptureStatus.CLOSED.name());
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    Optional<CaseOutcome> outcome = CaseOutcome.parse(rows.getString(1));
                    String escalatedTo = rows.getString(2);
                    String closedBy = rows.getString(3);
                    Instant closedAt = Instant.ofEpochMilli(rows.getLong(4));
                    return outcome.map(o -> new Closure(o, escalatedTo, closedBy, closedAt));
                }
            }
        });
    }

    /** Assigns the capture to a user, or to nobody; returns whether the capture exists. */
    public boolean assign(long captureId, Optional<Long> userId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE captures SET assigned_to = ? WHERE id = ?")) {
                statement.setObject(1, userId.orElse(null));
                statement.setLong(2, captureId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    public Optional<Long> assigneeId(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT assigned_to FROM captures WHERE id = ?")) {
                statement.setLong(1, captureId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long id = rows.getLong(1);
                    return rows.wasNull() ? Optional.empty() : Optional.of(id);
                }
            }
        });
    }

    public void addNote(long captureId, String author, String body) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO capture_notes (capture_id, author, created_at, body) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, captureId);
                statement.setString(2, author);
                statement.setLong(3, clock.millis());
                statement.setString(4, body);
                return statement.executeUpdate();
            }
        });
    }

    /** The capture's notes, oldest first. */
    public List<Note> notes(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, capture_id, author, created_at,"
                    + " body FROM capture_notes WHERE capture_id = ? ORDER BY created_at, id")) {
                statement.setLong(1, captureId);
                List<Note> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new Note(rows.getLong(1), rows.getLong(2), rows.getString(3),
                                Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    public void addJustification(long captureId, long userId, String justification) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO screenshot_justifications"
                    + " (capture_id, user_id, created_at, justification) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, captureId);
                statement.setLong(2, userId);
                statement.setLong(3, clock.millis());
                statement.setString(4, justification);
                return statement.executeUpdate();
            }
        });
    }

    /** Whether the user has recorded a justification for viewing this capture's screenshot. */
    public boolean hasJustification(long captureId, long userId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT 1 FROM screenshot_justifications WHERE capture_id = ? AND user_id = ? LIMIT 1")) {
                statement.setLong(1, captureId);
                statement.setLong(2, userId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Every recorded reason for viewing the capture's screenshot, oldest first, with who gave it. */
    public List<Justification> justifications(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT u.username, j.created_at,"
                    + " j.justification FROM screenshot_justifications j JOIN users u ON u.id = j.user_id"
                    + " WHERE j.capture_id = ? ORDER BY j.created_at, j.id")) {
                statement.setLong(1, captureId);
                List<Justification> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new Justification(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                                rows.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    private static Optional<CaptureStatus> currentStatus(Connection connection, long captureId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT status FROM captures WHERE id = ?")) {
            statement.setLong(1, captureId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? CaptureStatus.parse(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private List<QueueItem> items(String sql, List<Object> args) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                List<QueueItem> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new QueueItem(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getInt(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), CaptureStatus.parse(rows.getString(9)).orElse(CaptureStatus.NEW),
                                Optional.ofNullable(rows.getString(10)), PupilColumns.read(rows, 11)));
                    }
                }
                return out;
            }
        });
    }

    /** The text with LIKE's wildcards and the escape character (a backslash) taken literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }
}
