package org.vigil.console.reports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The days a report covers, first and last included ({@code to} is the last day), with what the reader chose
 * ({@code key}: this-term, last-term, this-year, last-year or custom) and a label. Days are UTC days.
 */
public record ReportRange(String key, String label, LocalDate from, LocalDate to) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public ReportRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: " + from + " to " + to);
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The first day, as UTC days since the epoch (the aggregates' key). */
    public long fromDay() {
        return from.toEpochDay();
    }

    /** The day after the last, as UTC days since the epoch. */
    public long toDayExclusive() {
        return to.toEpochDay() + 1;
    }

    /** The same dates a year earlier, for comparison. */
    public ReportRange yearEarlier() {
        return new ReportRange(key, "the same dates a year earlier", from.minusYears(1), to.minusYears(1));
    }

    /** "1 September 2026 to 30 November 2026". */
    public String dates() {
        return DAY.format(from) + " to " + DAY.format(to);
    }
}
