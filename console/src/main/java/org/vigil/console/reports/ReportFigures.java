package org.vigil.console.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.ReportRepository;

/**
 * The figures for one range: concerns (every capture not marked a false positive) per period and category, per
 * severity, per status and outcome, per year group; false positives beside them, never among them; and how soon
 * captures were reviewed and closed. Counts only: no pupil, no text. Every count is a {@link Tally}, hidden when
 * small for readers who see aggregates only. The year-earlier comparison's figures have no periods (nothing shows
 * them).
 */
public record ReportFigures(ReportRange range, Granularity granularity, List<Period> periods,
                            List<CategoryRow> categories, List<Tally> concernsPerPeriod,
                            List<Tally> falsePositivesPerPeriod, Tally concerns, Tally falsePositives,
                            List<Tally> concernsBySeverity, List<Line> byStatus, List<Line> byOutcome,
                            List<Line> byYearGroup, Delay review, Delay closure) {
    public static final String NOT_IN_DIRECTORY = "Not in the directory";

    /** Sums the repository's aggregates over the range, whole weeks and months from the coarser rows. */
    static ReportFigures over(ReportRepository store, ReportRange range, Granularity granularity,
                              boolean suppressSmall) {
        return over(store, range, granularity, suppressSmall, RangeSplit.COARSEST);
    }

    /** As {@link #over(ReportRepository, ReportRange, Granularity, boolean)}, reading the spans the split gives. */
    static ReportFigures over(ReportRepository store, ReportRange range, Granularity granularity,
                              boolean suppressSmall, RangeSplit split) {
        return store.reading(reads -> over(reads, range, granularity, suppressSmall, split, true));
    }

    /**
     * The figures from reads on one connection. Without {@code withPeriods} (the year-earlier comparison, whose
     * counts per week or month no page, PDF or CSV shows) the periods are left empty and their sums not read.
     */
    static ReportFigures over(ReportRepository.Reads store, ReportRange range, Granularity granularity,
                              boolean suppressSmall, RangeSplit split, boolean withPeriods) {
        long from = range.fromDay();
        long to = range.toDayExclusive();
        List<Period> periods = withPeriods ? periods(range, granularity) : List.of();
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            index.put(periods.get(i).start(), i);
        }
        int n = periods.size();
        Map<String, long[]> concernCells = new TreeMap<>();
        long[] falsePositiveCells = new long[n];
        if (withPeriods) {
            for (ReportRepository.PeriodCount day : store.perPeriod(split.perPeriod(range, granularity))) {
                int period = index.get(granularity.periodStart(LocalDate.ofEpochDay(day.startDay())));
                if (day.falsePositive()) {
                    falsePositiveCells[period] += day.captures();
                } else {
                    concernCells.computeIfAbsent(day.category(), c -> new long[n])[period] += day.captures();
                }
            }
        }
        Map<String, long[]> severityCells = new TreeMap<>();
        Map<String, Long> falsePositivesByCategory = new HashMap<>();
        Map<CaptureStatus, Long> statusCounts = new LinkedHashMap<>();
        Map<CaseOutcome, Long> outcomeCounts = new LinkedHashMap<>();
        for (ReportRepository.Breakdown row : store.breakdown(split.whole(range))) {
            if (row.status().equals(CaptureStatus.FALSE_POSITIVE.name())) {
                falsePositivesByCategory.merge(row.category(), row.captures(), Long::sum);
                continue;
            }
            severityCells.computeIfAbsent(row.category(), c -> new long[5])[row.severity() - 1] += row.captures();
            CaptureStatus.parse(row.status()).ifPresent(s -> statusCounts.merge(s, row.captures(), Long::sum));
            CaseOutcome.parse(row.outcome()).ifPresent(o -> outcomeCounts.merge(o, row.captures(), Long::sum));
        }

        List<CategoryRow> categories = new ArrayList<>();
        List<Tally> perPeriod = zeros(n);
        List<Tally> bySeverity = zeros(5);
        Tally concerns = Tally.ZERO;
        TreeMap<String, Boolean> names = new TreeMap<>();
        concernCells.keySet().forEach(c -> names.put(c, true));
        severityCells.keySet().forEach(c -> names.put(c, true));
        falsePositivesByCategory.keySet().forEach(c -> names.put(c, true));
        for (String category : names.keySet()) {
            long[] cells = concernCells.getOrDefault(category, new long[n]);
            List<Tally> row = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tally cell = Tally.of(cells[i], suppressSmall);
                row.add(cell);
                perPeriod.set(i, perPeriod.get(i).plus(cell));
            }
            long[] severities = severityCells.getOrDefault(category, new long[5]);
            List<Tally> severityRow = new ArrayList<>();
            Tally total = Tally.ZERO;
            for (int s = 0; s < 5; s++) {
                Tally cell = Tally.of(severities[s], suppressSmall);
                severityRow.add(cell);
                bySeverity.set(s, bySeverity.get(s).plus(cell));
                total = total.plus(cell);
            }
            concerns = concerns.plus(total);
            categories.add(new CategoryRow(category, row, total, severityRow,
                    Tally.of(falsePositivesByCategory.getOrDefault(category, 0L), suppressSmall)));
        }
        List<Tally> falsePositivesPerPeriod = new ArrayList<>();
        Tally falsePositives = Tally.ZERO;
        for (long cell : falsePositiveCells) {
            falsePositivesPerPeriod.add(Tally.of(cell, suppressSmall));
        }
        for (CategoryRow row : categories) {
            falsePositives = falsePositives.plus(row.falsePositives());
        }

        List<Line> byStatus = new ArrayList<>();
        for (CaptureStatus status : CaptureStatus.values()) {
            if (status != CaptureStatus.FALSE_POSITIVE) {
                byStatus.add(new Line(status.label(), Tally.of(statusCounts.getOrDefault(status, 0L), suppressSmall)));
            }
        }
        List<Line> byOutcome = new ArrayList<>();
        for (CaseOutcome outcome : CaseOutcome.values()) {
            byOutcome.add(new Line(outcome.label(), Tally.of(outcomeCounts.getOrDefault(outcome, 0L), suppressSmall)));
        }
        List<Line> byYearGroup = new ArrayList<>();
        Line notInDirectory = null;
        for (ReportRepository.YearGroupCount group : store.perYearGroup(split.perLogin(range))) {
            Line line = new Line(group.yearGroup().isEmpty() ? NOT_IN_DIRECTORY : group.yearGroup(),
                    Tally.of(group.concerns(), suppressSmall));
            if (group.yearGroup().isEmpty()) {
                notInDirectory = line;
            } else if (group.concerns() > 0) {
                byYearGroup.add(line);
            }
        }
        byYearGroup.sort((a, b) -> YearGroupOrder.compare(a.label(), b.label()));
        if (notInDirectory != null && notInDirectory.count().count() > 0) {
            byYearGroup.add(notInDirectory);
        }
        List<ReportRepository.DelayCount> delays = store.delays(from, to);
        return new ReportFigures(range, granularity, periods, categories, perPeriod, falsePositivesPerPeriod,
                concerns, falsePositives, bySeverity, byStatus, byOutcome, byYearGroup,
                Delay.of(delays, "REVIEW", suppressSmall), Delay.of(delays, "CLOSURE", suppressSmall));
    }

    private static List<Period> periods(ReportRange range, Granularity granularity) {
        List<Period> periods = new ArrayList<>();
        for (LocalDate start = granularity.periodStart(range.from()); !start.isAfter(range.to());
             start = granularity.next(start)) {
            periods.add(new Period(start, granularity.label(start)));
        }
        return periods;
    }

    private static List<Tally> zeros(int n) {
        List<Tally> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Tally.ZERO);
        }
        return out;
    }

    /** The category's row, if it had any capture in the range. */
    public java.util.Optional<CategoryRow> category(String id) {
        return categories.stream().filter(c -> c.category().equals(id)).findFirst();
    }

    /** A week or month: its first day and its label ("1 Sep", "Sep 2026"). */
    public record Period(LocalDate start, String label) {
    }

    /** A category's concerns per period and per severity (1-5), their total, and its false positives. */
    public record CategoryRow(String category, List<Tally> perPeriod, Tally concerns, List<Tally> bySeverity,
                              Tally falsePositives) {
    }

    /** A labelled count. */
    public record Line(String label, Tally count) {
    }
}
