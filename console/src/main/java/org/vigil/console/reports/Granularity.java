package org.vigil.console.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** How a report's counts are split over time: per week (starting on Mondays) or per calendar month. */
public enum Granularity {
    WEEK("week", DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)),
    MONTH("month", DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH));

    /** Ranges up to this many days are split per week unless the reader asks otherwise; longer ones per month. */
    static final int WEEKLY_UP_TO_DAYS = 126;

    private final String param;
    private final DateTimeFormatter label;

    Granularity(String param, DateTimeFormatter label) {
        this.param = param;
        this.label = label;
    }

    public String param() {
        return param;
    }

    public static Optional<Granularity> parse(String text) {
        for (Granularity g : values()) {
            if (g.param.equals(text)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The weekly or monthly split a range reads best in. */
    public static Granularity suitedTo(ReportRange range) {
        return range.days() <= WEEKLY_UP_TO_DAYS ? WEEK : MONTH;
    }

    /** The first day of the period the day falls in. */
    public LocalDate periodStart(LocalDate day) {
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1);
    }

    public LocalDate next(LocalDate periodStart) {
        return this == WEEK ? periodStart.plusWeeks(1) : periodStart.plusMonths(1);
    }

    public String label(LocalDate periodStart) {
        return label.format(periodStart);
    }
}
