package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Incidents, their member captures and their notes. Every value is a bound parameter. */
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
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INCIDENT_COLUMNS + " WHERE id = ?")) {
                statement.setLong(1, incidentId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(toIncident(rows)) : Optional.empty();
                }
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

    /** Incidents that are New, In review or Escalated, newest first: where a capture may be added. */
    public List<IncidentRef> open(int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, title, status FROM incidents"
                    + " WHERE status IN ('NEW', 'IN_REVIEW', 'ESCALATED') ORDER BY id DESC LIMIT ?")) {
                statement.setInt(1, limit);
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

    /** Incidents newest first, with their figures. */
    public List<IncidentSummary> list(int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT i.id, i.title, i.status,"
                    + " i.created_by, i.created_at, count(c.id), count(DISTINCT c.os_user), coalesce(max(c.severity), 0)"
                    + " FROM incidents i LEFT JOIN incident_captures m ON m.incident_id = i.id"
                    + " LEFT JOIN captures c ON c.id = m.capture_id GROUP BY i.id ORDER BY i.id DESC LIMIT ?")) {
                statement.setInt(1, limit);
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
