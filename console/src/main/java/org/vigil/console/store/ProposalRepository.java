package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.wordlists.MatchMode;

/**
 * Exception proposals: one row per phrase per entry per school (the capture's school, ADR 0199), decided once (a
 * trigger refuses more). Lists are scoped by the user's schools in the query.
 */
public final class ProposalRepository {
    private static final String COLUMNS = "SELECT id, school_id, capture_id, category, term, match_mode, severity,"
            + " phrase, proposed_by, proposed_at, status, decided_by, decided_at, policy_version, note"
            + " FROM exception_proposals";

    private final Database database;
    private final Clock clock;

    public ProposalRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The result of {@link #propose}: the proposal and whether this call made it (false: it was there already). */
    public record Proposed(ExceptionProposal proposal, boolean created) {
    }

    /**
     * Stores the proposal for the capture's school unless the same phrase for the same entry is already stored for
     * that school (in any status).
     */
    public Proposed propose(long captureId, ProposedException exception, String by) {
        return database.inTransaction(connection -> {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO exception_proposals (school_id, capture_id, category, term, match_mode, severity,"
                            + " phrase, proposed_by, proposed_at) SELECT school_id, id, ?, ?, ?, ?, ?, ?, ?"
                            + " FROM captures WHERE id = ?"
                            + " ON CONFLICT (school_id, category, term, match_mode, phrase) DO NOTHING")) {
                insert.setString(1, exception.category());
                insert.setString(2, exception.term());
                insert.setString(3, exception.mode().name());
                insert.setInt(4, exception.severity());
                insert.setString(5, exception.phrase());
                insert.setString(6, by);
                insert.setLong(7, clock.millis());
                insert.setLong(8, captureId);
                inserted = insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(COLUMNS
                    + " WHERE school_id = (SELECT school_id FROM captures WHERE id = ?)"
                    + " AND category = ? AND term = ? AND match_mode = ? AND phrase = ?")) {
                select.setLong(1, captureId);
                select.setString(2, exception.category());
                select.setString(3, exception.term());
                select.setString(4, exception.mode().name());
                select.setString(5, exception.phrase());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalArgumentException("no capture " + captureId + " to propose from");
                    }
                    return new Proposed(toProposal(rows), inserted == 1);
                }
            }
        });
    }

    public Optional<ExceptionProposal> find(long id) {
        List<ExceptionProposal> found = list(COLUMNS + " WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** The scope's proposals waiting for IT, oldest first. */
    public List<ExceptionProposal> pending(SchoolScope scope, int limit) {
        return list(COLUMNS + " WHERE status = 'PROPOSED'" + scope.condition("school_id")
                + " ORDER BY proposed_at, id LIMIT ?", scoped(scope, limit));
    }

    /** The scope's proposals accepted or dismissed, most recently decided first. */
    public List<ExceptionProposal> decided(SchoolScope scope, int limit) {
        return list(COLUMNS + " WHERE status <> 'PROPOSED'" + scope.condition("school_id")
                + " ORDER BY decided_at DESC, id DESC LIMIT ?", scoped(scope, limit));
    }

    private static Object[] scoped(SchoolScope scope, int limit) {
        List<Object> args = new ArrayList<>(scope.values());
        args.add(limit);
        return args.toArray();
    }

    /**
     * Decides a proposal that is still waiting.
     *
     * @return false if there is no such proposal or it was already decided (nothing changed)
     */
    public boolean decide(long id, ProposalStatus status, String by, Optional<String> policyVersion,
                          Optional<String> note) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE exception_proposals SET status = ?, decided_by = ?, decided_at = ?, policy_version = ?,"
                            + " note = ? WHERE id = ? AND status = 'PROPOSED'")) {
                update.setString(1, status.name());
                update.setString(2, by);
                update.setLong(3, clock.millis());
                update.setString(4, policyVersion.orElse(null));
                update.setString(5, note.orElse(null));
                update.setLong(6, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    private List<ExceptionProposal> list(String sql, Object... args) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    select.setObject(i + 1, args[i]);
                }
                List<ExceptionProposal> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(toProposal(rows));
                    }
                }
                return out;
            }
        });
    }

    private static ExceptionProposal toProposal(ResultSet rows) throws SQLException {
        long captureId = rows.getLong(3);
        Optional<Long> capture = rows.wasNull() ? Optional.empty() : Optional.of(captureId);
        long decidedAt = rows.getLong(13);
        Optional<Instant> decided = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decidedAt));
        return new ExceptionProposal(rows.getLong(1), rows.getLong(2), capture, rows.getString(4), rows.getString(5),
                MatchMode.valueOf(rows.getString(6)), rows.getInt(7), rows.getString(8), rows.getString(9),
                Instant.ofEpochMilli(rows.getLong(10)), ProposalStatus.valueOf(rows.getString(11)),
                Optional.ofNullable(rows.getString(12)), decided, Optional.ofNullable(rows.getString(14)),
                Optional.ofNullable(rows.getString(15)));
    }
}
