package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pupil directory's reads and writes: pupils, their logins, DSL links (V27), each in its school (V53, ADR 0205):
 * a login is unique within a school only. Callers own the transaction.
 */
public final class PupilRepository {
    private static final String SELECT = "SELECT " + PupilColumns.COLUMNS + " FROM pupils p";

    private final Database database;
    private final Clock clock;

    public PupilRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The pupils of the scope's schools, leavers too, ordered by family then given name. */
    public List<Pupil> in(SchoolScope scope) {
        List<Object> args = new ArrayList<>(scope.values());
        return pupils(SELECT + " WHERE 1 = 1" + scope.condition("p.school_id")
                + " ORDER BY p.family_name, p.given_name, p.id", args);
    }

    /** One school's pupils, leavers too: what a full import into that school compares against. */
    public List<Pupil> ofSchool(long schoolId) {
        return pupils(SELECT + " WHERE p.school_id = ?", List.of(schoolId));
    }

    /** The school's pupil with this directory login (already lower-cased). */
    public Optional<Pupil> byDirectoryLogin(long schoolId, String login) {
        return pupils(SELECT + " WHERE p.school_id = ? AND p.login = ?", List.of(schoolId, login)).stream()
                .findFirst();
    }

    /** The school's pupil a capture's login belongs to, through the directory's login or a DSL's link. */
    public Optional<Pupil> forLogin(long schoolId, String osUser) {
        return pupils(SELECT + " JOIN pupil_logins pl ON pl.pupil_id = p.id WHERE pl.school_id = ?"
                + " AND pl.login = lower(?)", List.of(schoolId, osUser)).stream().findFirst();
    }

    /**
     * The pupils of the scope's schools a login belongs to, one per school at most, ordered by school: the same
     * login in two schools is two pupils (ADR 0205).
     */
    public List<Pupil> forLogin(SchoolScope scope, String osUser) {
        List<Object> args = new ArrayList<>(List.of(osUser));
        args.addAll(scope.values());
        return pupils(SELECT + " JOIN pupil_logins pl ON pl.pupil_id = p.id WHERE pl.login = lower(?)"
                + scope.condition("pl.school_id") + " ORDER BY p.school_id", args);
    }

    /** Who a login already belongs to in the school, if anyone. */
    public Optional<PupilLink> link(long schoolId, String login) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT login, pupil_id, source,"
                    + " linked_by FROM pupil_logins WHERE school_id = ? AND login = ?")) {
                statement.setLong(1, schoolId);
                statement.setString(2, login);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new PupilLink(rows.getString(1), rows.getLong(2),
                            rows.getString(3), rows.getString(4))) : Optional.empty();
                }
            }
        });
    }

    /** Adds a pupil to the school with their directory login; returns the pupil's id. */
    public long insert(long schoolId, DirectoryPupil pupil, String source, String by) {
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO pupils (login, given_name,"
                    + " family_name, year_group, form, child_protection_plan, looked_after, send_support, source,"
                    + " updated_at, school_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                bindDetails(statement, pupil);
                statement.setString(9, source);
                statement.setLong(10, clock.millis());
                statement.setLong(11, schoolId);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertLink(connection, schoolId, pupil.login(), id, "DIRECTORY", by);
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

    /** Records that a login (already lower-cased) belongs to the school's pupil, linked by hand by a DSL. */
    public void linkByDsl(long schoolId, String login, long pupilId, String by) {
        database.inTransaction(connection -> {
            insertLink(connection, schoolId, login, pupilId, "DSL", by);
            return null;
        });
    }

    /** The year groups and forms of the scope's pupils who have not left, each sorted, for the queue's filters. */
    public List<String> yearGroups(SchoolScope scope) {
        return strings("SELECT DISTINCT year_group FROM pupils WHERE left_at IS NULL" + scope.condition("school_id")
                + " ORDER BY year_group", scope.values());
    }

    public List<String> forms(SchoolScope scope) {
        return strings("SELECT DISTINCT form FROM pupils WHERE left_at IS NULL AND form <> ''"
                + scope.condition("school_id") + " ORDER BY form", scope.values());
    }

    private List<String> strings(String sql, List<Object> args) {
        return read(sql, args, rows -> rows.getString(1));
    }

    private void insertLink(Connection connection, long schoolId, String login, long pupilId, String source,
                            String by) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO pupil_logins (login, pupil_id,"
                + " source, linked_by, linked_at, school_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, login);
            statement.setLong(2, pupilId);
            statement.setString(3, source);
            statement.setString(4, by);
            statement.setLong(5, clock.millis());
            statement.setLong(6, schoolId);
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
        return read(sql, args, rows -> PupilColumns.read(rows, 1).orElseThrow());
    }

    private <T> List<T> read(String sql, List<Object> args, Row<T> row) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                List<T> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(row.read(rows));
                    }
                }
                return out;
            }
        });
    }

    /** One value from the current row. */
    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
