package org.vigil.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The reports' reads: sums over the aggregates V29's and V31's triggers keep (never the captures themselves, and
 * never a pupil's name or anything typed). A range is read as a list of {@link AggregateSpan}s, each from the
 * coarsest grain that covers it whole (the reports' {@code RangeSplit}); days are UTC days since the epoch.
 */
public final class ReportRepository {
    private final Database database;

    public ReportRepository(Database database) {
        this.database = database;
    }

    /**
     * Captures per category, false positives apart from the rest, per row of each span: a day, a week (its Monday)
     * or a month (its first day). Callers fold them into their own periods.
     */
    public List<PeriodCount> perPeriod(List<AggregateSpan> spans) {
        return query(spans, span -> "SELECT " + span.grain().key() + " AS start, category, CASE WHEN status ="
                        + " 'FALSE_POSITIVE' THEN 1 ELSE 0 END AS fp, captures FROM " + span.grain().table()
                        + " WHERE " + span.grain().key() + " >= ? AND " + span.grain().key() + " < ?",
                "SELECT start, category, fp, sum(captures) FROM (%s) s GROUP BY start, category, fp"
                        + " HAVING sum(captures) <> 0 ORDER BY start, category",
                rows -> new PeriodCount(rows.getLong(1), rows.getString(2), rows.getInt(3) == 1, rows.getLong(4)));
    }

    /** Captures per category, severity, status and outcome ('' unless closed) over the spans. */
    public List<Breakdown> breakdown(List<AggregateSpan> spans) {
        return query(spans, span -> "SELECT category, severity, status, outcome, captures FROM "
                        + span.grain().table() + " WHERE " + span.grain().key() + " >= ? AND "
                        + span.grain().key() + " < ?",
                "SELECT category, severity, status, outcome, sum(captures) FROM (%s) s"
                        + " GROUP BY category, severity, status, outcome HAVING sum(captures) <> 0"
                        + " ORDER BY category, severity, status, outcome",
                rows -> new Breakdown(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                        rows.getLong(5)));
    }

    /**
     * Concerns and false positives per year group of the pupil each login belongs to in the directory now; logins
     * that belong to no pupil come back under the year group "". Spans must be of a grain kept per login.
     */
    public List<YearGroupCount> perYearGroup(List<AggregateSpan> spans) {
        return query(spans, span -> "SELECT login, concerns, false_positives FROM " + span.grain().pupilTable()
                        + " WHERE " + span.grain().key() + " >= ? AND " + span.grain().key() + " < ?",
                "SELECT coalesce(p.year_group, '') AS year_group, sum(d.concerns), sum(d.false_positives)"
                        + " FROM (SELECT login, sum(concerns) AS concerns, sum(false_positives) AS false_positives"
                        + "       FROM (%s) s GROUP BY login) d"
                        + " LEFT JOIN pupil_logins l ON l.login = d.login LEFT JOIN pupils p ON p.id = l.pupil_id"
                        + " GROUP BY coalesce(p.year_group, '')"
                        + " HAVING sum(d.concerns) <> 0 OR sum(d.false_positives) <> 0 ORDER BY year_group",
                rows -> new YearGroupCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    }

    /**
     * How many captures of the days {@code [fromDay, toDay)} were first reviewed (REVIEW) or closed (CLOSURE)
     * within each bucket of minutes (kept per day only: a year is a few thousand rows).
     */
    public List<DelayCount> delays(long fromDay, long toDay) {
        return query(List.of(new AggregateSpan(AggregateSpan.Grain.DAY, fromDay, toDay)),
                span -> "SELECT measure, within_minutes, captures FROM report_delays WHERE day >= ? AND day < ?",
                "SELECT measure, within_minutes, sum(captures) FROM (%s) s GROUP BY measure, within_minutes"
                        + " HAVING sum(captures) <> 0 ORDER BY measure, within_minutes",
                rows -> new DelayCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
    }

    /**
     * One statement: the spans' selects (fixed text per grain, the days bound as parameters) joined by UNION ALL
     * inside the outer sum. No span reads nothing.
     */
    private <T> List<T> query(List<AggregateSpan> spans, SpanSelect select, String outer, RowReader<T> reader) {
        if (spans.isEmpty()) {
            return List.of();
        }
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (AggregateSpan span : spans) {
            union.add(select.sql(span));
        }
        String sql = String.format(outer, union);
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameter = 1;
                for (AggregateSpan span : spans) {
                    statement.setLong(parameter++, span.fromDay());
                    statement.setLong(parameter++, span.toDay());
                }
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
    private interface SpanSelect {
        String sql(AggregateSpan span);
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Captures of a category in one aggregate row's day, week or month (its first day), false positives or not. */
    public record PeriodCount(long startDay, String category, boolean falsePositive, long captures) {
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
