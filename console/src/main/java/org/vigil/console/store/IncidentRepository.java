package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Incidents, their member captures and their notes. Every value is a bound parameter. An incident's schools are its
 * captures' schools (ADR 0197): a scoped read finds an incident only when every one of them is in the scope.
 */
public final class IncidentRepository {
    private static final String INCIDENT_COLUMNS = "SELECT id, title, created_by, created_at, status, outcome,"
            + " escalated_to, closed_by, closed_at FROM incidents";

    private final Database database;
    private final Clock clock;

    public IncidentRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Makes a new incident (status New); returns its id. */
    public long create(String title, String createdBy) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO incidents (title, created_by,"
                    + " created_at, status, status_changed_at) VALUES (?, ?, ?, 'NEW', ?) RETURNING id")) {
                long now = clock.millis();
                statement.setString(1, title);
                statement.setString(2, createdBy);
                statement.setLong(3, now);
                statement.setLong(4, now);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    public void addCapture(long incidentId, long captureId, String addedBy) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO incident_captures"
                    + " (capture_id, incident_id, added_by, added_at) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, captureId);
                statement.setLong(2, incidentId);
                statement.setString(3, addedBy);
                statement.setLong(4, clock.millis());
                return statement.executeUpdate();
            }
        });
    }

    public Optional<Incident> find(long incidentId) {
        return find(incidentId, SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /** The incident, if every school of its captures is in the scope. */
    public Optional<Incident> find(long incidentId, SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INCIDENT_COLUMNS + " i WHERE i.id = ?"
                    + within(scope))) {
                statement.setLong(1, incidentId);
                bind(statement, 2, scope);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(toIncident(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Each of these captures' school, by capture id; ids of no capture are left out. */
    public Map<Long, Long> captureSchools(Collection<Long> captureIds) {
        if (captureIds.isEmpty()) {
            return Map.of();
        }
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, school_id FROM captures"
                    + " WHERE id IN (" + String.join(", ", captureIds.stream().map(id -> "?").toList()) + ")")) {
                int index = 1;
                for (long id : captureIds) {
                    statement.setLong(index++, id);
                }
                Map<Long, Long> out = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.put(rows.getLong(1), rows.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** The schools of the incident's captures (for a refusal's audit row); empty if there is no such incident. */
    public Set<Long> schoolsOf(long incidentId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT c.school_id"
                    + " FROM incident_captures m JOIN captures c ON c.id = m.capture_id WHERE m.incident_id = ?")) {
                statement.setLong(1, incidentId);
                Set<Long> out = new TreeSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /** The incident the capture belongs to, if any. */
    public Optional<IncidentRef> incidentOf(long captureId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT i.id, i.title, i.status"
                    + " FROM incident_captures m JOIN incidents i ON i.id = m.incident_id WHERE m.capture_id = ?")) {
                statement.setLong(1, captureId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(toRef(rows)) : Optional.empty();
                }
            }
        });
    }

    /** The scope's incidents that are New, In review or Escalated, newest first: where a capture may be added. */
    public List<IncidentRef> open(int limit, SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT i.id, i.title, i.status"
                    + " FROM incidents i WHERE i.status IN ('NEW', 'IN_REVIEW', 'ESCALATED')" + within(scope)
                    + " ORDER BY i.id DESC LIMIT ?")) {
                statement.setInt(bind(statement, 1, scope), limit);
                List<IncidentRef> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(toRef(rows));
                    }
                }
                return out;
            }
        });
    }

    /** The scope's incidents newest first, with their figures. */
    public List<IncidentSummary> list(int limit, SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT i.id, i.title, i.status,"
                    + " i.created_by, i.created_at, count(c.id), count(DISTINCT c.os_user), coalesce(max(c.severity), 0)"
                    + " FROM incidents i LEFT JOIN incident_captures m ON m.incident_id = i.id"
                    + " LEFT JOIN captures c ON c.id = m.capture_id WHERE 1 = 1" + within(scope)
                    + " GROUP BY i.id ORDER BY i.id DESC LIMIT ?")) {
                statement.setInt(bind(statement, 1, scope), limit);
                List<IncidentSummary> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new IncidentSummary(rows.getLong(1), rows.getString(2), status(rows.getString(3)),
                                rows.getString(4), Instant.ofEpochMilli(rows.getLong(5)), rows.getInt(6),
                                rows.getInt(7), rows.getInt(8)));
                    }
                }
                return out;
            }
        });
    }

    /** The incident's captures, most severe then newest first. */
    public List<QueueItem> members(long incidentId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT c.id, c.occurred_at, c.severity,"
                    + " c.category, c.os_user, c.device_id, d.hostname, c.matched_text, c.status, u.username, "
                    + PupilColumns.COLUMNS + " FROM incident_captures m JOIN captures c ON c.id = m.capture_id"
                    + " JOIN devices d ON d.id = c.device_id LEFT JOIN users u ON u.id = c.assigned_to"
                    + PupilColumns.JOIN
                    + " WHERE m.incident_id = ? ORDER BY c.severity DESC, c.occurred_at DESC, c.id DESC")) {
                statement.setLong(1, incidentId);
                List<QueueItem> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new QueueItem(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getInt(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), status(rows.getString(9)), Optional.ofNullable(rows.getString(10)),
                                PupilColumns.read(rows, 11)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Moves the incident to the status if the move is allowed from where it is now.
     *
     * @return the status it had, if the move happened
     */
    public Optional<CaptureStatus> moveTo(long incidentId, CaptureStatus target) {
        return database.inTransaction(connection -> {
            Optional<CaptureStatus> current = currentStatus(connection, incidentId);
            if (current.isEmpty() || !current.get().canMoveTo(target)) {
                return Optional.empty();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE incidents SET status = ?, status_changed_at = ? WHERE id = ? AND status = ?")) {
                statement.setString(1, target.name());
                statement.setLong(2, clock.millis());
                statement.setLong(3, incidentId);
                statement.setString(4, current.get().name());
                return statement.executeUpdate() == 1 ? current : Optional.empty();
            }
        });
    }

    /**
     * Closes an escalated incident with its outcome.
     *
     * @return whether it was escalated (and is now closed)
     */
    public boolean close(long incidentId, CaseOutcome outcome, String escalatedTo, String closedBy) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE incidents SET status = 'CLOSED',"
                    + " status_changed_at = ?, outcome = ?, escalated_to = ?, closed_by = ?, closed_at = ?"
                    + " WHERE id = ? AND status = 'ESCALATED'")) {
                long now = clock.millis();
                statement.setLong(1, now);
                statement.setString(2, outcome.name());
                statement.setString(3, escalatedTo);
                statement.setString(4, closedBy);
                statement.setLong(5, now);
                statement.setLong(6, incidentId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    public void addNote(long incidentId, String author, String body) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO incident_notes (incident_id, author, created_at, body) VALUES (?, ?, ?, ?)")) {
                statement.setLong(1, incidentId);
                statement.setString(2, author);
                statement.setLong(3, clock.millis());
                statement.setString(4, body);
                return statement.executeUpdate();
            }
        });
    }

    /** The incident's notes, oldest first. */
    public List<IncidentNote> notes(long incidentId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, author, created_at, body"
                    + " FROM incident_notes WHERE incident_id = ? ORDER BY created_at, id")) {
                statement.setLong(1, incidentId);
                List<IncidentNote> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(new IncidentNote(rows.getLong(1), rows.getString(2),
                                Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * For incidents as {@code i}: nothing for the whole console; otherwise at least one capture of the scope's
     * schools and none of another school's (an incident with no capture left belongs to nobody's scope).
     */
    private static String within(SchoolScope scope) {
        if (scope.wholeConsole()) {
            return "";
        }
        String members = " FROM incident_captures sm JOIN captures sc ON sc.id = sm.capture_id"
                + " WHERE sm.incident_id = i.id";
        String inScope = scope.condition("sc.school_id");
        return " AND EXISTS (SELECT 1" + members + inScope + ") AND NOT EXISTS (SELECT 1" + members
                + (scope.schoolIds().isEmpty() ? "" : " AND NOT (" + inScope.substring(" AND ".length()) + ")") + ")";
    }

    /** Binds {@link #within}'s values from {@code first}; returns the next index. */
    private static int bind(PreparedStatement statement, int first, SchoolScope scope) throws SQLException {
        int index = first;
        for (int round = 0; round < 2 && !scope.wholeConsole(); round++) {
            for (Object value : scope.values()) {
                statement.setObject(index++, value);
            }
        }
        return index;
    }

    private static Optional<CaptureStatus> currentStatus(Connection connection, long incidentId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT status FROM incidents WHERE id = ?")) {
            statement.setLong(1, incidentId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? CaptureStatus.parse(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Incident toIncident(ResultSet rows) throws SQLException {
        Optional<CaseOutcome> outcome = CaseOutcome.parse(rows.getString(6));
        String escalatedTo = rows.getString(7);
        String closedBy = rows.getString(8);
        Instant closedAt = Instant.ofEpochMilli(rows.getLong(9));
        return new Incident(rows.getLong(1), rows.getString(2), rows.getString(3),
                Instant.ofEpochMilli(rows.getLong(4)), status(rows.getString(5)),
                outcome.map(o -> new Closure(o, escalatedTo, closedBy, closedAt)));
    }

    private static IncidentRef toRef(ResultSet rows) throws SQLException {
        return new IncidentRef(rows.getLong(1), rows.getString(2), status(rows.getString(3)));
    }

    private static CaptureStatus status(String text) {
        return CaptureStatus.parse(text).orElse(CaptureStatus.NEW);
    }
}
