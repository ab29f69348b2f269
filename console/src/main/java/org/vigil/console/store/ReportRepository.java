package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The reports' reads: sums over the aggregates the captures' triggers keep (never the captures themselves, and
 * never a pupil's name or anything typed), per school since V45: every read names the schools it sums
 * ({@code school_id IN (…)}, the key's first column, so each school is one range search; ADR 0195). A range is read as a list of {@link AggregateSpan}s, each from the
 * coarsest grain that covers it whole (the reports' {@code RangeSplit}); days are UTC days since the epoch. A report
 * makes all its reads through one {@link Reads} on one connection ({@link #reading}): on SQLite a connection costs
 * its opening and a reading of the schema, more than most of the sums (bench/README.md, ADR 0157).
 */
public final class ReportRepository {
    private final Database database;

    public ReportRepository(Database database) {
        this.database = database;
    }

    /**
     * Runs the work with reads of every school's figures on one connection (on PostgreSQL one transaction, so every
     * section sees the same data); the reads must not escape the work.
     */
    public <T> T reading(Function<Reads, T> work) {
        return database.withConnection(connection -> work.apply(new Reads(connection, everySchool(connection))));
    }

    /** As {@link #reading(Function)}, summing only the schools given (at least one). */
    public <T> T reading(Collection<Long> schools, Function<Reads, T> work) {
        if (schools.isEmpty()) {
            throw new IllegalArgumentException("a report covers at least one school");
        }
        List<Long> ids = List.copyOf(new java.util.TreeSet<>(schools));
        return database.withConnection(connection -> work.apply(new Reads(connection, ids)));
    }

    private static List<Long> everySchool(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM schools ORDER BY id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** As {@link Reads#perPeriod}, on a connection of its own. */
    public List<PeriodCount> perPeriod(List<AggregateSpan> spans) {
        return reading(reads -> reads.perPeriod(spans));
    }

    /** As {@link Reads#breakdown}, on a connection of its own. */
    public List<Breakdown> breakdown(List<AggregateSpan> spans) {
        return reading(reads -> reads.breakdown(spans));
    }

    /** As {@link Reads#perYearGroup}, on a connection of its own. */
    public List<YearGroupCount> perYearGroup(List<AggregateSpan> spans) {
        return reading(reads -> reads.perYearGroup(spans));
    }

    /** As {@link Reads#delays}, on a connection of its own. */
    public List<DelayCount> delays(long fromDay, long toDay) {
        return reading(reads -> reads.delays(fromDay, toDay));
    }

    /** A report's sections: each one statement over the spans' rows (the benchmark times and explains each). */
    public enum Section {
        PER_PERIOD {
            @Override
            String select(AggregateSpan span, String schools) {
                // weeks and months from V40's narrow rows; days (a range's ends) from the daily rows
                return span.grain().categoryTable().map(table -> "SELECT " + span.grain().key() + " AS start,"
                        + " category, false_positive AS fp, captures FROM " + table + where(span, schools))
                        .orElseGet(() -> "SELECT " + span.grain().key() + " AS start, category, CASE WHEN status ="
                        + " 'FALSE_POSITIVE' THEN 1 ELSE 0 END AS fp, captures FROM " + span.grain().table()
                        + where(span, schools));
            }

            @Override
            String outer() {
                return "SELECT start, category, fp, sum(captures) FROM (%s) s GROUP BY start, category, fp"
                        + " HAVING sum(captures) <> 0 ORDER BY start, category";
            }
        },
        BREAKDOWN {
            @Override
            String select(AggregateSpan span, String schools) {
                return "SELECT category, severity, status, outcome, captures FROM " + span.grain().table()
                        + where(span, schools);
            }

            @Override
            String outer() {
                return "SELECT category, severity, status, outcome, sum(captures) FROM (%s) s"
                        + " GROUP BY category, severity, status, outcome HAVING sum(captures) <> 0"
                        + " ORDER BY category, severity, status, outcome";
            }
        },
        PER_YEAR_GROUP {
            @Override
            String select(AggregateSpan span, String schools) {
                return "SELECT school_id, login, concerns, false_positives FROM " + span.grain().pupilTable()
                        + where(span, schools);
            }

            @Override
            String outer() {
                return "SELECT coalesce(p.year_group, '') AS year_group, sum(d.concerns), sum(d.false_positives)"
                        + " FROM (SELECT school_id, login, sum(concerns) AS concerns,"
                        + "       sum(false_positives) AS false_positives FROM (%s) s GROUP BY school_id, login) d"
                        // a login is a pupil of its own school only (ADR 0205)
                        + " LEFT JOIN pupil_logins l ON l.school_id = d.school_id AND l.login = d.login"
                        + " LEFT JOIN pupils p ON p.id = l.pupil_id"
                        + " GROUP BY coalesce(p.year_group, '')"
                        + " HAVING sum(d.concerns) <> 0 OR sum(d.false_positives) <> 0 ORDER BY year_group";
            }
        },
        PER_SCHOOL {
            @Override
            String select(AggregateSpan span, String schools) {
                return span.grain().categoryTable().map(table -> "SELECT school_id, false_positive AS fp, captures"
                        + " FROM " + table + where(span, schools))
                        .orElseGet(() -> "SELECT school_id, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END"
                        + " AS fp, captures FROM " + span.grain().table() + where(span, schools));
            }

            @Override
            String outer() {
                return "SELECT school_id, fp, sum(captures) FROM (%s) s GROUP BY school_id, fp"
                        + " HAVING sum(captures) <> 0 ORDER BY school_id, fp";
            }
        },
        DELAYS {
            @Override
            String select(AggregateSpan span, String schools) {
                return "SELECT measure, within_minutes, captures FROM report_delays" + where(span, schools);
            }

            @Override
            String outer() {
                return "SELECT measure, within_minutes, sum(captures) FROM (%s) s GROUP BY measure, within_minutes"
                        + " HAVING sum(captures) <> 0 ORDER BY measure, within_minutes";
            }
        };

        abstract String select(AggregateSpan span, String schools);

        abstract String outer();

        private static String where(AggregateSpan span, String schools) {
            return " WHERE school_id IN (" + schools + ") AND " + span.grain().key() + " >= ? AND "
                    + span.grain().key() + " < ?";
        }

        /**
         * The section's one statement over the spans and schools: their selects (fixed text per grain, the
         * schools and then the days bound as parameters, in order per span) joined by UNION ALL inside the outer
         * sum.
         */
        public String sql(List<AggregateSpan> spans, int schools) {
            return String.format(outer(), rows(spans, schools));
        }

        /** The spans' aggregate rows the section sums: their selects joined by UNION ALL. */
        public String rows(List<AggregateSpan> spans, int schools) {
            String marks = String.join(", ", java.util.Collections.nCopies(schools, "?"));
            StringJoiner union = new StringJoiner(" UNION ALL ");
            for (AggregateSpan span : spans) {
                union.add(select(span, marks));
            }
            return union.toString();
        }
    }

    /** A report's reads on one connection. */
    public static final class Reads {
        private final Connection connection;
        private final List<Long> schools;

        private Reads(Connection connection, List<Long> schools) {
            this.connection = connection;
            this.schools = schools;
        }

        /** The schools these reads sum, in id order. */
        public List<Long> schools() {
            return schools;
        }

        /**
         * Captures per category, false positives apart from the rest, per row of each span: a day, a week (its
         * Monday) or a month (its first day). Callers fold them into their own periods.
         */
        public List<PeriodCount> perPeriod(List<AggregateSpan> spans) {
            return query(Section.PER_PERIOD, spans, rows -> new PeriodCount(rows.getLong(1), rows.getString(2),
                    rows.getInt(3) == 1, rows.getLong(4)));
        }

        /** Captures per category, severity, status and outcome ('' unless closed) over the spans. */
        public List<Breakdown> breakdown(List<AggregateSpan> spans) {
            return query(Section.BREAKDOWN, spans, rows -> new Breakdown(rows.getString(1), rows.getInt(2),
                    rows.getString(3), rows.getString(4), rows.getLong(5)));
        }

        /**
         * Concerns and false positives per year group of the pupil each login belongs to in the directory now;
         * logins that belong to no pupil come back under the year group "". Spans must be of a grain kept per login.
         */
        public List<YearGroupCount> perYearGroup(List<AggregateSpan> spans) {
            return query(Section.PER_YEAR_GROUP, spans, rows -> new YearGroupCount(rows.getString(1),
                    rows.getLong(2), rows.getLong(3)));
        }

        /** Concerns and false positives of each school read, over the spans (any grain). */
        public List<SchoolCount> perSchool(List<AggregateSpan> spans) {
            return query(Section.PER_SCHOOL, spans, rows -> new SchoolCount(rows.getLong(1), rows.getInt(2) == 1,
                    rows.getLong(3)));
        }

        /**
         * How many captures of the days {@code [fromDay, toDay)} were first reviewed (REVIEW) or closed (CLOSURE)
         * within each bucket of minutes (kept per day only: a year is a few thousand rows).
         */
        public List<DelayCount> delays(long fromDay, long toDay) {
            return query(Section.DELAYS, List.of(new AggregateSpan(AggregateSpan.Grain.DAY, fromDay, toDay)),
                    rows -> new DelayCount(rows.getString(1), rows.getLong(2), rows.getLong(3)));
        }

        private <T> List<T> query(Section section, List<AggregateSpan> spans, RowReader<T> reader) {
            if (spans.isEmpty() || schools.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement statement = connection.prepareStatement(section.sql(spans, schools.size()))) {
                bind(statement, spans, schools);
                List<T> out = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(reader.read(rows));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read the report's " + section.name().toLowerCase() + " sums", e);
            }
        }
    }

    /** Binds the schools and the spans' days to a section's statement, as {@link Section#sql} lays them out. */
    public static void bind(PreparedStatement statement, List<AggregateSpan> spans, List<Long> schools)
            throws SQLException {
        int parameter = 1;
        for (AggregateSpan span : spans) {
            for (long school : schools) {
                statement.setLong(parameter++, school);
            }
            statement.setLong(parameter++, span.fromDay());
            statement.setLong(parameter++, span.toDay());
        }
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

    /** Captures of one school, false positives or the rest (concerns). */
    public record SchoolCount(long schoolId, boolean falsePositive, long captures) {
    }

    /** Captures reviewed or closed within a bucket's bound, in minutes after the console received them. */
    public record DelayCount(String measure, long withinMinutes, long captures) {
    }
}
