package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vigil.wordlists.WordlistBundle;

/**
 * Policy versions (immutable rows named by content hash) and the append-only change log whose newest row is the
 * policy in force. Triggers in the schema refuse any update or delete.
 *
 * <p>The log holds one chain per owner (ADR 0193): the trust's lists (rows with no school, every row written before
 * schools had lists) and each school's changes to them. The methods that name no school are the trust's.
 */
public final class PolicyRepository {
    private static final String CHANGE_COLUMNS = "id, version, previous_version, action, author, changed_at, reason";

    /** The trust's chain: change log rows with no school. */
    public static final Optional<Long> TRUST = Optional.empty();

    private final Database database;
    private final Clock clock;

    public PolicyRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Makes the bundle the policy in force, storing its version if it is new, in one transaction, provided the
     * version in force is still {@code expected} (empty: no policy yet). The check and the write are one
     * transaction, so of two edits made from the same version only the first is written.
     *
     * @return the change log entry written, or empty if another version is in force (nothing was written)
     */
    public Optional<PolicyChange> makeCurrent(WordlistBundle bundle, Optional<String> expected, PolicyAction action,
                                              String author, Optional<String> reason) {
        return makeCurrent(TRUST, bundle, expected, action, author, reason);
    }

    /** {@link #makeCurrent(WordlistBundle, Optional, PolicyAction, String, Optional)} in a school's chain. */
    public Optional<PolicyChange> makeCurrent(Optional<Long> school, WordlistBundle bundle, Optional<String> expected,
                                              PolicyAction action, String author, Optional<String> reason) {
        String version = bundle.version();
        return database.inTransaction(connection -> {
            Optional<String> previous = current(connection, school).map(PolicyChange::version);
            if (!previous.equals(expected)) {
                return Optional.empty();
            }
            storeVersion(connection, version, bundle, author);
            long now = clock.millis();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO policy_changes (version, previous_version, action, author, changed_at, reason,"
                            + " school_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, version);
                insert.setString(2, previous.orElse(null));
                insert.setString(3, action.name());
                insert.setString(4, author);
                insert.setLong(5, now);
                insert.setString(6, reason.orElse(null));
                insert.setObject(7, school.orElse(null));
                insert.executeUpdate();
            }
            return current(connection, school);
        });
    }

    private void storeVersion(Connection connection, String version, WordlistBundle bundle, String author)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO policy_versions (version, created_by, created_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (version) DO NOTHING")) {
            insert.setString(1, version);
            insert.setString(2, author);
            insert.setLong(3, clock.millis());
            if (insert.executeUpdate() == 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO policy_files (version, file_name, content) VALUES (?, ?, ?)")) {
            for (var file : bundle.files().entrySet()) {
                insert.setString(1, version);
                insert.setString(2, file.getKey());
                insert.setString(3, file.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest change log entry: the policy in force, if any was ever set. */
    public Optional<PolicyChange> current() {
        return current(TRUST);
    }

    /** The newest entry of a school's chain (empty: the school has changed nothing), or of the trust's. */
    public Optional<PolicyChange> current(Optional<Long> school) {
        return database.withConnection(connection -> current(connection, school));
    }

    private static Optional<PolicyChange> current(Connection connection, Optional<Long> school) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + CHANGE_COLUMNS + " FROM policy_changes WHERE " + owner(school)
                        + " ORDER BY id DESC LIMIT 1")) {
            if (school.isPresent()) {
                select.setLong(1, school.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(toChange(rows)) : Optional.empty();
            }
        }
    }

    /** The version in force of every school that has changed the trust's lists: school id to version. */
    public Map<Long, String> currentBySchool() {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT c.school_id, c.version FROM policy_changes c JOIN (SELECT school_id, MAX(id) AS id"
                            + " FROM policy_changes WHERE school_id IS NOT NULL GROUP BY school_id) newest"
                            + " ON newest.id = c.id");
                 ResultSet rows = select.executeQuery()) {
                Map<Long, String> out = new TreeMap<>();
                while (rows.next()) {
                    out.put(rows.getLong(1), rows.getString(2));
                }
                return out;
            }
        });
    }

    /** The change log, newest first. */
    public List<PolicyChange> changes(int limit) {
        return changes(TRUST, limit);
    }

    /** A school's change log (or the trust's), newest first. */
    public List<PolicyChange> changes(Optional<Long> school, int limit) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + CHANGE_COLUMNS + " FROM policy_changes WHERE " + owner(school)
                            + " ORDER BY id DESC LIMIT ?")) {
                int at = 1;
                if (school.isPresent()) {
                    select.setLong(at++, school.get());
                }
                select.setInt(at, limit);
                List<PolicyChange> out = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(toChange(rows));
                    }
                }
                return out;
            }
        });
    }

    /** The files of a stored version. */
    public Optional<WordlistBundle> bundle(String version) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT v.version, f.file_name, f.content FROM policy_versions v "
                            + "LEFT JOIN policy_files f ON f.version = v.version WHERE v.version = ?")) {
                select.setString(1, version);
                SortedMap<String, String> files = new TreeMap<>();
                boolean found = false;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found = true;
                        if (rows.getString(2) != null) {
                            files.put(rows.getString(2), rows.getString(3));
                        }
                    }
                }
                return found ? Optional.of(new WordlistBundle(files)) : Optional.empty();
            }
        });
    }

    private static String owner(Optional<Long> school) {
        return school.isPresent() ? "school_id = ?" : "school_id IS NULL";
    }

    private static PolicyChange toChange(ResultSet rows) throws SQLException {
        return new PolicyChange(rows.getLong(1), rows.getString(2), Optional.ofNullable(rows.getString(3)),
                PolicyAction.valueOf(rows.getString(4)), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                Optional.ofNullable(rows.getString(7)));
    }
}
