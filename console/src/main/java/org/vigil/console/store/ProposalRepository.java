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

/** Exception proposals over SQLite: one row per phrase per entry, decided once (a trigger refuses more). */
public final class ProposalRepository {
    private static final String COLUMNS = "SELECT id, capture_id, category, term, match_mode, severity, phrase,"
            + " proposed_by, proposed_at, status, decided_by, decided_at, policy_version, note"
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

    /** Stores the proposal unless the same phrase for the same entry is already stored (in any status). */
    public Proposed propose(long captureId, ProposedException exception, String by) {
        return database.inTransaction(connection -> {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO exception_proposals (capture_id, category, term, match_mode, severity, phrase,"
                            + " proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (category, term, match_mode, phrase) DO NOTHING")) {
                insert.setLong(1, captureId);
                insert.setString(2, exception.category());
                insert.setString(3, exception.term());
                insert.setString(4, exception.mode().name());
                insert.setInt(5, exception.severity());
                insert.setString(6, exception.phrase());
                insert.setString(7, by);
                insert.setLong(8, clock.millis());
                inserted = insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(COLUMNS
                    + " WHERE category = ? AND term = ? AND match_mode = ? AND phrase = ?")) {
                select.setString(1, exception.category());
                select.setString(2, exception.term());
                select.setString(3, exception.mode().name());
                select.setString(4, exception.phrase());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return new Proposed(toProposal(rows), inserted == 1);
                }
            }
        });
    }

    public Optional<ExceptionProposal> find(long id) {
        List<ExceptionProposal> found = list(COLUMNS + " WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Waiting for IT, oldest first. */
    public List<ExceptionProposal> pending(int limit) {
        return list(COLUMNS + " WHERE status = 'PROPOSED' ORDER BY proposed_at, id LIMIT ?", limit);
    }

    /** Accepted or dismissed, most recently decided first. */
    public List<ExceptionProposal> decided(int limit) {
        return list(COLUMNS + " WHERE status <> 'PROPOSED' ORDER BY decided_at DESC, id DESC LIMIT ?", limit);
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
        long captureId = rows.getLong(2);
        Optional<Long> capture = rows.wasNull() ? Optional.empty() : Optional.of(captureId);
        long decidedAt = rows.getLong(12);
        Optional<Instant> decided = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decidedAt));
        return new ExceptionProposal(rows.getLong(1), capture, rows.getString(3), rows.getString(4),
                MatchMode.valueOf(rows.getString(5)), rows.getInt(6), rows.getString(7), rows.getString(8),
                Instant.ofEpochMilli(rows.getLong(9)), ProposalStatus.valueOf(rows.getString(10)),
                Optional.ofNullable(rows.getString(11)), decided, Optional.ofNullable(rows.getString(13)),
                Optional.ofNullable(rows.getString(14)));
    }
}
