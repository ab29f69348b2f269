package org.vigil.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.console.reports.Granularity;
import org.vigil.console.reports.RangeSplit;
import org.vigil.console.reports.ReportRange;
import org.vigil.console.store.AggregateSpan;
import org.vigil.console.store.Database;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.ReportRepository.Section;

/**
 * Where a report's time goes: each section's statement (per period, breakdown, per year group, delays) for the range
 * and the year earlier, timed alone on an open connection, with the aggregate rows it reads and SQLite's
 * {@code EXPLAIN QUERY PLAN}; what opening a connection costs; and the report's sums made as before (a connection
 * per statement, the year earlier's per-period sums too) against one connection and no per-period sums for the year
 * earlier, in the same run.
 */
final class ReportSections {
    /** The benchmark's captures are all the first school's (the whole console, as a one-school console reads it). */
    private static final List<Long> SCHOOLS = List.of(1L);
    private final Database database;
    private final ReportRepository store;
    private final int repeats;

    ReportSections(Database database, int repeats) {
        this.database = database;
        this.store = new ReportRepository(database);
        this.repeats = repeats;
    }

    void print(String name, ReportRange range, Granularity granularity) throws SQLException {
        RangeSplit split = RangeSplit.COARSEST;
        System.out.printf(Locale.ROOT, "%s (%s to %s, per %s):%n", name, range.from(), range.to(),
                granularity.param());
        Map<String, Statement> statements = new LinkedHashMap<>();
        for (ReportRange r : List.of(range, range.yearEarlier())) {
            String which = r == range ? "" : ", year earlier";
            statements.put("per period" + which, new Statement(Section.PER_PERIOD, split.perPeriod(r, granularity)));
            statements.put("breakdown" + which, new Statement(Section.BREAKDOWN, split.whole(r)));
            statements.put("per year group" + which, new Statement(Section.PER_YEAR_GROUP, split.perLogin(r)));
            statements.put("delays" + which, new Statement(Section.DELAYS, List.of(new AggregateSpan(
                    AggregateSpan.Grain.DAY, r.fromDay(), r.toDayExclusive()))));
        }
        try (Connection connection = database.connect()) {
            for (Map.Entry<String, Statement> entry : statements.entrySet()) {
                Statement statement = entry.getValue();
                long rows = count(connection, "SELECT count(*) FROM (" + statement.section().rows(statement.spans(), SCHOOLS.size())
                        + ") t", statement.spans());
                long[] micros = time(() -> run(connection, statement));
                System.out.printf(Locale.ROOT, "  %-28s %3d spans %8d rows read  p50 %7.1f ms  p95 %7.1f ms%n",
                        entry.getKey(), statement.spans().size(), rows, micros[0] / 1000.0, micros[1] / 1000.0);
            }
            for (Map.Entry<String, Statement> entry : statements.entrySet()) {
                if (!entry.getKey().contains("year earlier")) {
                    System.out.println("  plan of " + entry.getKey() + ":");
                    plan(connection, entry.getValue()).forEach(line -> System.out.println("    " + line));
                }
            }
        }
        long[] open = time(() -> {
            try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM report_delay_buckets"); ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf(Locale.ROOT, "  %-28s p50 %7.1f ms  p95 %7.1f ms%n",
                "a connection opened, its first statement", open[0] / 1000.0, open[1] / 1000.0);
        long[] before = time(() -> {
            long sum = 0;
            for (ReportRange r : List.of(range, range.yearEarlier())) {
                sum += store.perPeriod(split.perPeriod(r, granularity)).size();
                sum += store.breakdown(split.whole(r)).size();
                sum += store.perYearGroup(split.perLogin(r)).size();
                sum += store.delays(r.fromDay(), r.toDayExclusive()).size();
            }
            return sum;
        });
        long[] after = time(() -> store.reading(reads -> {
            long sum = reads.perPeriod(split.perPeriod(range, granularity)).size();
            for (ReportRange r : List.of(range, range.yearEarlier())) {
                sum += reads.breakdown(split.whole(r)).size();
                sum += reads.perYearGroup(split.perLogin(r)).size();
                sum += reads.delays(r.fromDay(), r.toDayExclusive()).size();
            }
            return sum;
        }));
        System.out.printf(Locale.ROOT, "  %-28s p50 %7.1f ms  p95 %7.1f ms%n",
                "sums as before: 8 statements, 8 connections", before[0] / 1000.0, before[1] / 1000.0);
        System.out.printf(Locale.ROOT, "  %-28s p50 %7.1f ms  p95 %7.1f ms  (load average %s)%n",
                "sums now: 7 statements, 1 connection", after[0] / 1000.0, after[1] / 1000.0,
                ReportsBenchmark.loadAverage());
    }

    private long run(Connection connection, Statement statement) {
        try (PreparedStatement prepared = connection.prepareStatement(statement.section().sql(statement.spans(), SCHOOLS.size()))) {
            ReportRepository.bind(prepared, statement.spans(), SCHOOLS);
            long n = 0;
            try (ResultSet rows = prepared.executeQuery()) {
                while (rows.next()) {
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection connection, String sql, List<AggregateSpan> spans) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            ReportRepository.bind(prepared, spans, SCHOOLS);
            try (ResultSet rows = prepared.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> plan(Connection connection, Statement statement) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement prepared = connection.prepareStatement("EXPLAIN QUERY PLAN "
                + statement.section().sql(statement.spans(), SCHOOLS.size()))) {
            ReportRepository.bind(prepared, statement.spans(), SCHOOLS);
            try (ResultSet rows = prepared.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(4));
                }
            }
        }
        return out;
    }

    /** p50 and p95 in microseconds over the repeats, after a few unmeasured. */
    private long[] time(Supplier<Long> work) {
        long[] micros = new long[repeats];
        long sink = 0;
        for (int i = -Math.min(3, repeats); i < repeats; i++) {
            long started = System.nanoTime();
            sink += work.get();
            if (i >= 0) {
                micros[i] = (System.nanoTime() - started) / 1000;
            }
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        Arrays.sort(micros);
        return new long[] {micros[micros.length / 2], micros[(int) Math.ceil(micros.length * 0.95) - 1]};
    }

    private record Statement(Section section, List<AggregateSpan> spans) {
    }

}
