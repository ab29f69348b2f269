package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports' reads: sums over the daily aggregates V29's triggers keep (never the captures themselves, and never
 * a pupil's name or anything typed). Days are UTC days since the epoch; each range is {@code [fromDay, toDay)}.
 */
public final class ReportRepository {
    private final Database database;

    public ReportRepository(Database database) {
        this.database = database;
    }

    /** Captures per day and category, false positives apart from the rest. */
    public List<DayCount> perDay(long fromDay, long toDay) {
        return query("SELECT day, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END AS fp,"
                        + " sum(captures) FROM report_days WHERE day >= ? AND day < ?"
                        + " GROUP BY day, category, fp HAVING sum(captures) <> 0 ORDER BY day, category",
                fromDay, toDay, rows -> new DayCount(rows.getLong(1), rows.getString(2), rows.getInt(3) == 1,
                        rows.getLong(4)));
    }

    /** Captures per category, severity, status and outcome ('' unless closed) over the range. */
    public List<Breakdown> breakdown(long fromDay, long toDay) {
        return query("SELECT category, severity, status, outcome, sum(captures) FROM report_days"
                        + " WHERE day >= ? AND day < ? GROUP BY category, severity, status, outcome"
                        + " HAVING sum(captures) <> 0 ORDER BY category, severity, status, outcome",
                fromDay, toDay, rows -> new Breakdown(rows.getString(1), rows.getInt(2), rows.getString(3),
                        rows.getString(4), rows.getLong(5)));
    }

    /**
     * Concerns and false positives per year group of the pupil each login belongs to in the directory now; logins
     * that belong to no pupil come back under the year group "".
     */
    public List<YearGroupCount> perYearGroup(long fromDay, long toDay) {
        return query("SELECT coalesce(p.year_group, '') AS year_group, sum(d.concerns), sum(d.false_positives)"
                        + " FROM (SELECT login, sum(concerns) AS concerns, sum(false_positives) AS false_positives"
                        + "       FROM report_pupil_days WHERE day >= ? AND day < ? GROUP BY login) d"
                        + " LEFT JOIN pupil_logins l ON l.login = d.login LEFT JOIN pupils p ON p.id = l.pupil_id"
                        + " GROUP BY coalesce(p.year_group, '')"
                        + " HAVING sum(d.concerns) <> 0 OR sum(d.false_positives) <> 0 ORDER BY year_group",
                fromDay, toDay, rows -> new YearGroupCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    }

    /** How many captures were first reviewed (REVIEW) or closed (CLOSURE) within each bucket of minutes. */
    public List<DelayCount> delays(long fromDay, long toDay) {
        return query("SELECT measure, within_minutes, sum(captures) FROM report_delays WHERE day >= ? AND day < ?"
                        + " GROUP BY measure, within_minutes HAVING sum(captures) <> 0 ORDER BY measure, within_minutes",
                fromDay, toDay, rows -> new DelayCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    }

    private <T> List<T> query(String sql, long fromDay, long toDay, RowReader<T> reader) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, fromDay);
                statement.setLong(2, toDay);
                List<T> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(reader.read(rows));
                    }
                }
                return out;
            }
        });
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Captures of a category on one day, false positives or not. */
    public record DayCount(long day, String category, boolean falsePositive, long captures) {
    }

    /** Captures of a category and severity with one status and outcome. */
    public record Breakdown(String category, int severity, String status, String outcome, long captures) {
    }

    /** Concerns and false positives of one year group ("" for logins that are no pupil's in the directory). */
    public record YearGroupCount(String yearGroup, long concerns, long falsePositives) {
    }

    /** Captures reviewed or closed within a bucket's bound, in minutes after the console received them. */
    public record DelayCount(String measure, long withinMinutes, long captures) {
    }
}
