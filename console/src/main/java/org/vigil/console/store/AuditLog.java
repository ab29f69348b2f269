package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The append-only record of who viewed or changed what. There is no update or delete here, and triggers in the
 * schema refuse them from anywhere else. Every entry is sealed into a hash chain as it is written (ADR 0141), so a
 * change made around those triggers, with the database file in hand, is found by {@code audit verify}.
 */
public final class AuditLog {
    private static final String COLUMNS = "id, occurred_at, actor, action, target, detail";

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(String actor, String action, String target) {
        record(actor, action, target, null);
    }

    /** Records an entry; {@code detail} (e.g. a justification) may be null. It is sealed onto the chain at once. */
    public void record(String actor, String action, String target, String detail) {
        record(actor, action, target, detail, Set.of());
    }

    /**
     * As {@link #record(String, String, String, String)}, listed also under these schools (ADR 0197): a change
     * that takes a record from one school to another is about both.
     */
    public void record(String actor, String action, String target, String detail, Set<Long> alsoAbout) {
        database.inTransaction(connection -> {
            String prevHash = lockedHead(connection).map(ChainHead::lastHash).orElse(AuditHash.GENESIS);
            long occurredAt = clock.millis();
            long id;
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO audit_log (occurred_at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)"
                            + " RETURNING id")) {
                statement.setLong(1, occurredAt);
                statement.setString(2, actor);
                statement.setString(3, action);
                statement.setString(4, target);
                if (detail == null) {
                    statement.setNull(5, Types.VARCHAR);
                } else {
                    statement.setString(5, detail);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
            }
            AuditEntry entry = new AuditEntry(id, Instant.ofEpochMilli(occurredAt), actor, action, target, detail);
            setHead(connection, id, seal(connection, entry, prevHash));
            Set<Long> schools = new TreeSet<>(AuditSchools.of(connection, actor, target));
            schools.addAll(alsoAbout);
            indexBySchool(connection, id, schools);
            return null;
        });
    }

    /** Lists the entry under the schools it is about (ADR 0197); outside the chain, which stays as it was. */
    private static void indexBySchool(Connection connection, long auditId, Set<Long> schools) throws SQLException {
        if (schools.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO audit_log_schools (school_id, audit_id) VALUES (?, ?)")) {
            for (long school : schools) {
                statement.setLong(1, school);
                statement.setLong(2, auditId);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Seals, oldest first, the entries written before the chain existed: once, at the first start after the
     * upgrade that brought it, when there is no chain head yet. Afterwards an entry that is not sealed was written
     * around the console, and stays unsealed for {@code audit verify} to name. Returns how many were sealed.
     */
    public int sealEntriesFromBeforeTheChain() {
        return database.inTransaction(connection -> {
            if (lockedHead(connection).isPresent()) {
                return 0;
            }
            String prevHash = AuditHash.GENESIS;
            long lastId = -1;
            int sealed = 0;
            try (PreparedStatement unsealed = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log WHERE hash IS NULL ORDER BY id");
                 ResultSet rows = unsealed.executeQuery()) {
                while (rows.next()) {
                    AuditEntry entry = toEntry(rows);
                    prevHash = seal(connection, entry, prevHash);
                    lastId = entry.id();
                    sealed++;
                }
            }
            if (sealed > 0) {
                setHead(connection, lastId, prevHash);
            }
            return sealed;
        });
    }

    /** The chain's head, locked for this transaction: two writers cannot both extend the chain from one entry. */
    private static Optional<ChainHead> lockedHead(Connection connection) throws SQLException {
        try (PreparedStatement touch = connection.prepareStatement(
                "UPDATE audit_chain_head SET last_id = last_id WHERE id = 1")) {
            touch.executeUpdate();
        }
        return head(connection);
    }

    private static String seal(Connection connection, AuditEntry entry, String prevHash) throws SQLException {
        String detailSha256 = AuditHash.ofDetail(entry.detail());
        String hash = AuditHash.of(prevHash, entry.id(), entry.occurredAt().toEpochMilli(), entry.actor(),
                entry.action(), entry.target(), detailSha256);
        try (PreparedStatement seal = connection.prepareStatement(
                "UPDATE audit_log SET detail_sha256 = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
            seal.setString(1, detailSha256);
            seal.setString(2, prevHash);
            seal.setString(3, hash);
            seal.setLong(4, entry.id());
            seal.executeUpdate();
        }
        return hash;
    }

    private static void setHead(Connection connection, long lastId, String lastHash) throws SQLException {
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash")) {
            head.setLong(1, lastId);
            head.setString(2, lastHash);
            head.executeUpdate();
        }
    }

    /** The newest sealed entry's id and hash, as the chain's head records them; empty before the first entry. */
    public Optional<ChainHead> head() {
        return database.withConnection(AuditLog::head);
    }

    private static Optional<ChainHead> head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(new ChainHead(rows.getLong(1), rows.getString(2))) : Optional.empty();
        }
    }

    /**
     * The hash the oldest entry kept must follow: the last removed entry's, once the audit log's retention has
     * removed entries (ADR 0142); empty while the chain starts from {@link AuditHash#GENESIS}.
     */
    public Optional<String> chainStart() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT first_prev_hash FROM audit_chain_tail WHERE id = 1");
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** Every entry with its seal, oldest first, streamed to the consumer (for checking the chain). */
    public void forEachSealed(Consumer<SealedEntry> consumer) {
        database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + ", detail_sha256, prev_hash, hash FROM audit_log ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new SealedEntry(toEntry(rows), rows.getString(7), rows.getString(8),
                            rows.getString(9)));
                }
                return null;
            }
        });
    }

    /** Newest first: up to {@code limit} entries with ids below {@code beforeId} (Long.MAX_VALUE for the newest). */
    public List<AuditEntry> page(int limit, long beforeId) {
        return entries("SELECT " + COLUMNS + " FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?", beforeId, limit);
    }

    /**
     * As {@link #page(int, long)}, for a user of these schools: the entries about them (ADR 0197). A user of every
     * school reads every entry, the console's own among them.
     */
    public List<AuditEntry> page(int limit, long beforeId, SchoolScope scope) {
        if (scope.wholeConsole()) {
            return page(limit, beforeId);
        }
        List<Object> args = new ArrayList<>(scope.values());
        args.add(beforeId);
        args.add(limit);
        return entries("SELECT " + COLUMNS + " FROM audit_log WHERE id IN (SELECT DISTINCT audit_id"
                + " FROM audit_log_schools WHERE 1 = 1" + scope.condition("school_id") + " AND audit_id < ?"
                + " ORDER BY audit_id DESC LIMIT ?) ORDER BY id DESC", args.toArray());
    }

    /** The entries about one target ({@code capture:12}), oldest first, at most {@code limit}. */
    public List<AuditEntry> about(String target, int limit) {
        return entries("SELECT " + COLUMNS + " FROM audit_log WHERE target = ? ORDER BY id LIMIT ?", target, limit);
    }

    private List<AuditEntry> entries(String sql, Object... args) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(toEntry(rows));
                    }
                }
                return out;
            }
        });
    }

    /** Every entry, oldest first, streamed to the consumer (for exports). */
    public void forEach(Consumer<AuditEntry> consumer) {
        forEach(SchoolScope.ONE_SCHOOL_CONSOLE, consumer);
    }

    /** Every entry about the scope's schools (every entry for the whole console), oldest first, streamed. */
    public void forEach(SchoolScope scope, Consumer<AuditEntry> consumer) {
        String sql = scope.wholeConsole() ? "SELECT " + COLUMNS + " FROM audit_log ORDER BY id"
                : "SELECT " + COLUMNS + " FROM audit_log WHERE id IN (SELECT audit_id FROM audit_log_schools"
                + " WHERE 1 = 1" + scope.condition("school_id") + ") ORDER BY id";
        database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object value : scope.values()) {
                    statement.setObject(index++, value);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(toEntry(rows));
                    }
                }
                return null;
            }
        });
    }

    private static AuditEntry toEntry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6));
    }

    /** The chain's newest entry, kept apart from the entries so removing entries from the end is seen too. */
    public record ChainHead(long lastId, String lastHash) {
    }

    /** An entry as stored with its seal; the seal's fields are null for an entry never sealed. */
    public record SealedEntry(AuditEntry entry, String detailSha256, String prevHash, String hash) {
    }

    /** One audit record; target and detail may be null. */
    public record AuditEntry(long id, Instant occurredAt, String actor, String action, String target, String detail) {
    }
}
