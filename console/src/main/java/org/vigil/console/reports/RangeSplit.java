package org.vigil.console.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.vigil.console.store.AggregateSpan;
import org.vigil.console.store.AggregateSpan.Grain;

/**
 * Splits a report's days into spans of the coarsest aggregates that cover them whole (ADR 0154): whole months
 * from the monthly rows, whole weeks from the weekly rows, and only the days left at either end from the daily
 * rows. A school year is then 12 monthly spans' rows instead of 365 days'. {@link #DAYS_ONLY} reads every day from
 * the daily rows, as the reports did before V31 (the tests compare the two).
 */
public record RangeSplit(boolean coarse) {
    public static final RangeSplit COARSEST = new RangeSplit(true);
    public static final RangeSplit DAYS_ONLY = new RangeSplit(false);

    /** The range in as few rows as the aggregates allow (for sums over the whole range). */
    public List<AggregateSpan> whole(ReportRange range) {
        return split(range.from(), range.to().plusDays(1), true, true);
    }

    /** The range in spans that each lie inside one week or month of the granularity (for counts per period). */
    public List<AggregateSpan> perPeriod(ReportRange range, Granularity granularity) {
        return split(range.from(), range.to().plusDays(1), true, granularity == Granularity.MONTH);
    }

    /** The range in spans of grains kept per login (days and months). */
    public List<AggregateSpan> perLogin(ReportRange range) {
        return split(range.from(), range.to().plusDays(1), false, true);
    }

    private List<AggregateSpan> split(LocalDate from, LocalDate until, boolean weeks, boolean months) {
        List<AggregateSpan> spans = new ArrayList<>();
        if (!coarse) {
            add(spans, Grain.DAY, from, until);
            return spans;
        }
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate monthsEnd = until.withDayOfMonth(1);
        if (months && firstMonth.isBefore(monthsEnd)) {
            splitWeeks(spans, from, firstMonth, weeks);
            add(spans, Grain.MONTH, firstMonth, monthsEnd);
            splitWeeks(spans, monthsEnd, until, weeks);
        } else if (from.isBefore(monthsEnd)) {
            // no whole month, but the turn of one: no week may straddle it (a per-month count would mix them)
            splitWeeks(spans, from, monthsEnd, weeks);
            splitWeeks(spans, monthsEnd, until, weeks);
        } else {
            splitWeeks(spans, from, until, weeks);
        }
        return spans;
    }

    private static void splitWeeks(List<AggregateSpan> spans, LocalDate from, LocalDate until, boolean weeks) {
        LocalDate firstMonday = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate weeksEnd = until.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (weeks && firstMonday.isBefore(weeksEnd)) {
            add(spans, Grain.DAY, from, firstMonday);
            add(spans, Grain.WEEK, firstMonday, weeksEnd);
            add(spans, Grain.DAY, weeksEnd, until);
        } else {
            add(spans, Grain.DAY, from, until);
        }
    }

    private static void add(List<AggregateSpan> spans, Grain grain, LocalDate from, LocalDate until) {
        if (from.isBefore(until)) {
            spans.add(new AggregateSpan(grain, from.toEpochDay(), until.toEpochDay()));
        }
    }
}
