package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Legal holds (V25): placed, lifted once, never deleted; which holds in force cover a capture. */
public final class LegalHoldRepository {
    private static final String COLUMNS =
            "id, scope, target, reason, placed_by, placed_at, lifted_by, lifted_at, lift_reason";

    private final Database database;
    private final Clock clock;

    public LegalHoldRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Places a hold; returns its id. */
    public long place(LegalHold.Scope scope, String target, String reason, String by) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO legal_holds"
                    + " (scope, target, reason, placed_by, placed_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                statement.setString(1, scope.name());
                statement.setString(2, target);
                statement.setString(3, reason);
                statement.setString(4, by);
                statement.setLong(5, clock.millis());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Lifts a hold in force; false if there is none with that id in force. */
    public boolean lift(long id, String reason, String by) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE legal_holds SET lifted_by = ?,"
                    + " lifted_at = ?, lift_reason = ? WHERE id = ? AND lifted_at IS NULL")) {
                statement.setString(1, by);
                statement.setLong(2, clock.millis());
                statement.setString(3, reason);
                statement.setLong(4, id);
                return statement.executeUpdate() == 1;
            }
        });
    }

    public Optional<LegalHold> find(long id) {
        List<LegalHold> found = query("SELECT " + COLUMNS + " FROM legal_holds WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Every hold in force, oldest first. */
    public List<LegalHold> inForce() {
        return query("SELECT " + COLUMNS + " FROM legal_holds WHERE lifted_at IS NULL ORDER BY id");
    }

    /** The holds in force on the capture itself, its incident or its pupil. */
    public List<LegalHold> covering(long captureId) {
        return query("SELECT " + COLUMNS + " FROM legal_holds h WHERE h.lifted_at IS NULL AND ("
                + "(h.scope = 'CAPTURE' AND h.target = CAST(? AS TEXT))"
                + " OR (h.scope = 'PUPIL' AND h.target = (SELECT os_user FROM captures WHERE id = ?))"
                + " OR (h.scope = 'INCIDENT' AND h.target IN (SELECT CAST(incident_id AS TEXT)"
                + " FROM incident_captures WHERE capture_id = ?))) ORDER BY h.id", captureId, captureId, captureId);
    }

    /** The ids of the captures a hold in force covers (for the export of what is held). */
    public List<Long> capturesCoveredBy(long holdId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT c.id FROM captures c,"
                    + " legal_holds h WHERE h.id = ? AND ((h.scope = 'CAPTURE' AND h.target = CAST(c.id AS TEXT))"
                    + " OR (h.scope = 'PUPIL' AND h.target = c.os_user) OR (h.scope = 'INCIDENT' AND h.target IN"
                    + " (SELECT CAST(ic.incident_id AS TEXT) FROM incident_captures ic WHERE ic.capture_id = c.id)))"
                    + " ORDER BY c.id")) {
                statement.setLong(1, holdId);
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

    private List<LegalHold> query(String sql, Object... args) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                List<LegalHold> holds = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        holds.add(toHold(rows));
                    }
                }
                return holds;
            }
        });
    }

    private static LegalHold toHold(ResultSet rows) throws SQLException {
        Optional<LegalHold.Lifted> lifted = rows.getString(7) == null ? Optional.empty()
                : Optional.of(new LegalHold.Lifted(rows.getString(7), Instant.ofEpochMilli(rows.getLong(8)),
                rows.getString(9)));
        return new LegalHold(rows.getLong(1), LegalHold.Scope.valueOf(rows.getString(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)), lifted);
    }
}
