package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pupil directory's reads and writes: pupils, their logins, DSL links (V27). Callers own the transaction. */
public final class PupilRepository {
    private static final String SELECT = "SELECT " + PupilColumns.COLUMNS + " FROM pupils p";

    private final Database database;
    private final Clock clock;

    public PupilRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every pupil, leavers too, ordered by family then given name. */
    public List<Pupil> all() {
        return pupils(SELECT + " ORDER BY p.family_name, p.given_name, p.id", List.of());
    }

    /** The pupil with this directory login (already lower-cased). */
    public Optional<Pupil> byDirectoryLogin(String login) {
        return pupils(SELECT + " WHERE p.login = ?", List.of(login)).stream().findFirst();
    }

    /** The pupil a capture's login belongs to, through the directory's login or a DSL's link. */
    public Optional<Pupil> forLogin(String osUser) {
        return pupils(SELECT + " JOIN pupil_logins pl ON pl.pupil_id = p.id WHERE pl.login = lower(?)",
                List.of(osUser)).stream().findFirst();
    }

    /** Who a login already belongs to, if anyone. */
    public Optional<PupilLink> link(String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT login, pupil_id, source, linked_by FROM pupil_logins WHERE login = ?")) {
                statement.setString(1, login);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new PupilLink(rows.getString(1), rows.getLong(2),
                            rows.getString(3), rows.getString(4))) : Optional.empty();
                }
            }
        });
    }

    /** Adds a pupil and their directory login; returns the pupil's id. */
    public long insert(DirectoryPupil pupil, String source, String by) {
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO pupils (login, given_name,"
                    + " family_name, year_group, form, child_protection_plan, looked_after, send_support, source,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
                bindDetails(statement, pupil);
                statement.setString(9, source);
                statement.setLong(10, clock.millis());
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertLink(connection, pupil.login(), id, "DIRECTORY", by);
            return id;
        });
    }

    /** Rewrites a pupil's details and source, and marks them present again (no longer left). */
    public void update(long id, DirectoryPupil pupil, String source) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE pupils SET login = ?,"
                    + " given_name = ?, family_name = ?, year_group = ?, form = ?, child_protection_plan = ?,"
                    + " looked_after = ?, send_support = ?, source = ?, updated_at = ?, left_at = NULL WHERE id = ?")) {
                bindDetails(statement, pupil);
                statement.setString(9, source);
                statement.setLong(10, clock.millis());
                statement.setLong(11, id);
                return statement.executeUpdate();
            }
        });
    }

    public void markLeft(long id) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE pupils SET left_at = ?, updated_at = ? WHERE id = ? AND left_at IS NULL")) {
                statement.setLong(1, clock.millis());
                statement.setLong(2, clock.millis());
                statement.setLong(3, id);
                return statement.executeUpdate();
            }
        });
    }

    /** Records that a login (already lower-cased) belongs to the pupil, linked by hand by a DSL. */
    public void linkByDsl(String login, long pupilId, String by) {
        database.inTransaction(connection -> {
            insertLink(connection, login, pupilId, "DSL", by);
            return null;
        });
    }

    /** The year groups and forms of pupils who have not left, each sorted, for the queue's filters. */
    public List<String> yearGroups() {
        return strings("SELECT DISTINCT year_group FROM pupils WHERE left_at IS NULL ORDER BY year_group");
    }

    public List<String> forms() {
        return strings("SELECT DISTINCT form FROM pupils WHERE left_at IS NULL AND form <> '' ORDER BY form");
    }

    private List<String> strings(String sql) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                 ResultSet rows = statement.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        });
    }

    private void insertLink(Connection connection, String login, long pupilId, String source, String by)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO pupil_logins (login, pupil_id,"
                + " source, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, login);
            statement.setLong(2, pupilId);
            statement.setString(3, source);
            statement.setString(4, by);
            statement.setLong(5, clock.millis());
            statement.executeUpdate();
        }
    }

    private static void bindDetails(PreparedStatement statement, DirectoryPupil pupil) throws SQLException {
        statement.setString(1, pupil.login());
        statement.setString(2, pupil.givenName());
        statement.setString(3, pupil.familyName());
        statement.setString(4, pupil.yearGroup());
        statement.setString(5, pupil.form());
        statement.setInt(6, pupil.flags().childProtectionPlan() ? 1 : 0);
        statement.setInt(7, pupil.flags().lookedAfter() ? 1 : 0);
        statement.setInt(8, pupil.flags().send() ? 1 : 0);
    }

    private List<Pupil> pupils(String sql, List<Object> args) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                List<Pupil> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(PupilColumns.read(rows, 1).orElseThrow());
                    }
                }
                return out;
            }
        });
    }
}
