package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.Role;
import org.vigil.console.store.AggregateSpan;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.Database;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.RetentionRepository;

/**
 * Every report section read from whole weeks and months (V31) equals the same section read day by day (V29) and a
 * count over the captures themselves, for random ranges of either granularity, after inserts, after captures'
 * status, outcome, category, severity and login change, and after retention deletes some of them; and a report
 * made on one connection holds the same figures for its range and the year earlier.
 */
class CoarseAggregatesTest {
    private static final String[] CATEGORIES = {"bullying", "drugs", "self-harm", "suicide", "extremism"};
    private static final String[] STATUSES = {"IN_REVIEW", "ESCALATED", "NO_FURTHER_ACTION", "FALSE_POSITIVE"};
    private static final LocalDate FIRST = LocalDate.of(2025, 9, 1);
    private static final int DAYS = 425;
    private static final Map<String, String> DIRECTORY = Map.of("pupil0", "Year 7", "pupil1", "Year 7",
            "pupil2", "Year 9", "pupil3", "Year 11", "pupil4", "Year 13");

    @TempDir
    Path dir;

    @Test
    void everySectionFromWeeksAndMonthsEqualsTheDaysAndTheCaptures() {
        try (Database database = Database.open(dir.resolve("vigil.db"))) {
            SeededCaptures seed = new SeededCaptures(database);
            DIRECTORY.forEach(seed::pupil);
            ReportRepository store = new ReportRepository(database);
            Random random = new Random(154);
            List<Long> ids = new ArrayList<>();
            Instant start = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int i = 0; i < 600; i++) {
                Instant at = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * DAYS)));
                ids.add(seed.add(at, CATEGORIES[random.nextInt(CATEGORIES.length)], 1 + random.nextInt(5),
                        (random.nextBoolean() ? "Pupil" : "pupil") + random.nextInt(8)));
            }
            int ranges = compareRandomRanges(database, store, random);

            Instant later = start.plus(Duration.ofDays(DAYS + 5));
            java.util.Set<Long> closed = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                long id = ids.get(random.nextInt(ids.size()));
                if (!closed.add(id)) {
                    continue; // a closed capture is final; and one change each keeps the walk simple
                }
                switch (i % 5) {
                    case 0, 1 -> seed.status(id, STATUSES[random.nextInt(STATUSES.length)], later);
                    case 2 -> seed.close(id, CaseOutcome.values()[random.nextInt(CaseOutcome.values().length)].name(),
                            later);
                    case 3 -> seed.sql("UPDATE captures SET category = ?, severity = ? WHERE id = ?",
                            CATEGORIES[random.nextInt(CATEGORIES.length)], 1 + random.nextInt(5), id);
                    default -> seed.sql("UPDATE captures SET os_user = ? WHERE id = ?", "pupil" + random.nextInt(8), id);
                }
            }
            ranges += compareRandomRanges(database, store, random);

            List<Long> purged = new ArrayList<>(ids.subList(0, 150));
            new RetentionRepository(database, Clock.systemUTC()).deleteCaptures(purged);
            assertEquals(450, seed.count("SELECT count(*) FROM captures"), "retention deleted them");
            ranges += compareRandomRanges(database, store, random);
            assertTrue(ranges >= 84, "compared " + ranges + " ranges");
        }
    }

    @Test
    void aSchoolYearIsReadFromItsTwelveMonths() {
        ReportRange year = new ReportRange("custom", "year", LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31));
        assertEquals(List.of(new AggregateSpan(AggregateSpan.Grain.MONTH, LocalDate.of(2025, 9, 1).toEpochDay(),
                LocalDate.of(2026, 9, 1).toEpochDay())), RangeSplit.COARSEST.whole(year));
        // Wednesday 3 September to Wednesday 19 November: days to the Monday, weeks to 1 October, October, weeks
        // in November to Monday 17th, then two days
        ReportRange term = new ReportRange("custom", "term", LocalDate.of(2025, 9, 3), LocalDate.of(2025, 11, 18));
        List<AggregateSpan.Grain> grains = RangeSplit.COARSEST.whole(term).stream().map(AggregateSpan::grain).toList();
        assertEquals(List.of(AggregateSpan.Grain.DAY, AggregateSpan.Grain.WEEK, AggregateSpan.Grain.DAY,
                AggregateSpan.Grain.MONTH, AggregateSpan.Grain.DAY, AggregateSpan.Grain.WEEK,
                AggregateSpan.Grain.DAY), grains);
        assertEquals(term.days(), RangeSplit.COARSEST.whole(term).stream()
                .mapToLong(s -> s.toDay() - s.fromDay()).sum(), "every day once");
    }

    private static int compareRandomRanges(Database database, ReportRepository store, Random random) {
        List<Row> captures = captures(database);
        int compared = 0;
        for (int i = 0; i < 14; i++) {
            LocalDate from = FIRST.minusDays(10).plusDays(random.nextInt(DAYS));
            LocalDate to = from.plusDays(random.nextInt(i % 2 == 0 ? 420 : 60));
            ReportRange range = new ReportRange("custom", "random", from, to);
            for (Granularity granularity : Granularity.values()) {
                for (boolean suppress : new boolean[] {false, true}) {
                    assertEquals(ReportFigures.over(store, range, granularity, suppress, RangeSplit.DAYS_ONLY),
                            ReportFigures.over(store, range, granularity, suppress, RangeSplit.COARSEST),
                            range.dates() + " per " + granularity.param() + (suppress ? ", small hidden" : ""));
                }
                assertEqualsRecount(ReportFigures.over(store, range, granularity, false, RangeSplit.COARSEST),
                        captures);
                assertTheReportIsItsTwoRangesFigures(store, range, granularity);
                compared++;
            }
        }
        return compared;
    }

    /**
     * A report made on one connection, as the pages make it, holds the range's figures as they are read alone, and
     * the year earlier's with every figure but the per-period counts (which nothing shows for the comparison).
     */
    private static void assertTheReportIsItsTwoRangesFigures(ReportRepository store, ReportRange range,
                                                             Granularity granularity) {
        Reports reports = new Reports(store, TermDates::defaults, Clock.systemUTC());
        for (Role reader : new Role[] {Role.DSL, Role.VIEWER}) {
            boolean hidden = Reports.hidesSmallCounts(reader);
            Report report = reports.make(range, granularity, reader);
            String where = range.dates() + " per " + granularity.param() + " for a " + reader;
            assertEquals(ReportFigures.over(store, range, granularity, hidden), report.current(), where);
            ReportFigures earlier = ReportFigures.over(store, range.yearEarlier(), granularity, hidden);
            assertEquals(new ReportFigures(earlier.range(), granularity, List.of(), earlier.categories().stream()
                            .map(c -> new ReportFigures.CategoryRow(c.category(), List.of(), c.concerns(),
                                    c.bySeverity(), c.falsePositives())).toList(), List.of(), List.of(),
                            earlier.concerns(), earlier.falsePositives(), earlier.concernsBySeverity(),
                            earlier.byStatus(), earlier.byOutcome(), earlier.byYearGroup(), earlier.review(),
                            earlier.closure()), report.yearEarlier(), "the year earlier, " + where);
        }
    }

    /** Each section of the figures, as a DSL sees them, against the captures counted one by one. */
    private static void assertEqualsRecount(ReportFigures figures, List<Row> captures) {
        ReportRange range = figures.range();
        Granularity granularity = figures.granularity();
        Map<LocalDate, Integer> period = new HashMap<>();
        for (int i = 0; i < figures.periods().size(); i++) {
            period.put(figures.periods().get(i).start(), i);
        }
        int n = figures.periods().size();
        Map<String, long[]> concerns = new TreeMap<>();
        long[] falsePositives = new long[n];
        long[] bySeverity = new long[5];
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        Map<String, Long> byYear = new TreeMap<>();
        for (Row c : captures) {
            if (c.day().isBefore(range.from()) || c.day().isAfter(range.to())) {
                continue;
            }
            int p = period.get(granularity.periodStart(c.day()));
            long[] row = concerns.computeIfAbsent(c.category(), k -> new long[n]);
            if (c.status().equals("FALSE_POSITIVE")) {
                falsePositives[p]++;
                continue;
            }
            row[p]++;
            bySeverity[c.severity() - 1]++;
            byStatus.merge(CaptureStatus.valueOf(c.status()).label(), 1L, Long::sum);
            if (!c.outcome().isEmpty()) {
                byOutcome.merge(CaseOutcome.valueOf(c.outcome()).label(), 1L, Long::sum);
            }
            byYear.merge(DIRECTORY.getOrDefault(c.login(), ReportFigures.NOT_IN_DIRECTORY), 1L, Long::sum);
        }
        String where = range.dates() + " per " + granularity.param();
        Map<String, List<Long>> expected = new TreeMap<>();
        concerns.forEach((category, cells) -> expected.put(category, java.util.Arrays.stream(cells).boxed().toList()));
        Map<String, List<Long>> actual = new TreeMap<>();
        figures.categories().forEach(r -> actual.put(r.category(), r.perPeriod().stream().map(Tally::shown).toList()));
        assertEquals(expected, actual, "concerns per period and category, " + where);
        assertEquals(java.util.Arrays.stream(falsePositives).boxed().toList(),
                figures.falsePositivesPerPeriod().stream().map(Tally::shown).toList(), "false positives, " + where);
        assertEquals(java.util.Arrays.stream(bySeverity).boxed().toList(),
                figures.concernsBySeverity().stream().map(Tally::shown).toList(), "per severity, " + where);
        assertEquals(byStatus, nonZero(figures.byStatus()), "per status, " + where);
        assertEquals(byOutcome, nonZero(figures.byOutcome()), "per outcome, " + where);
        assertEquals(byYear, new TreeMap<>(nonZero(figures.byYearGroup())), "per year group, " + where);
    }

    private static Map<String, Long> nonZero(List<ReportFigures.Line> lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        lines.stream().filter(l -> l.count().shown() > 0).forEach(l -> out.put(l.label(), l.count().shown()));
        return out;
    }

    private static List<Row> captures(Database database) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT occurred_at, category, severity,"
                    + " status, coalesce(outcome, ''), lower(os_user) FROM captures");
                 ResultSet rows = statement.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new Row(LocalDate.ofEpochDay(rows.getLong(1) / 86_400_000L), rows.getString(2),
                            rows.getInt(3), rows.getString(4), rows.getString(5), rows.getString(6)));
                }
                return out;
            }
        });
    }

    private record Row(LocalDate day, String category, int severity, String status, String outcome, String login) {
    }
}
