package org.vigil.console.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.vigil.console.request.InvalidRequest;

/**
 * Turns what the reader chose into days: this term (its first day to today), last term (whole), this school year
 * (its first day to today), last school year (whole), or custom dates. A custom range is at most
 * {@value #MAX_YEARS} years and never ends before it starts.
 */
public final class ReportRanges {
    public static final String THIS_TERM = "this-term";
    public static final String LAST_TERM = "last-term";
    public static final String THIS_YEAR = "this-year";
    public static final String LAST_YEAR = "last-year";
    public static final String CUSTOM = "custom";
    static final int MAX_YEARS = 5;

    private ReportRanges() {
    }

    /**
     * The range the parameters name ({@code which} blank means this term).
     *
     * @throws InvalidRequest saying what is wrong with a choice or a date
     */
    public static ReportRange resolve(String which, String from, String to, LocalDate today, TermDates terms) {
        String key = which == null || which.isBlank() ? THIS_TERM : which.strip();
        switch (key) {
            case THIS_TERM -> {
                TermDates.Term term = terms.termOf(today);
                return new ReportRange(key, term.name() + " so far", term.start(), today);
            }
            case LAST_TERM -> {
                TermDates.Term term = terms.termOf(terms.termOf(today).start().minusDays(1));
                return new ReportRange(key, term.name(), term.start(), term.end().minusDays(1));
            }
            case THIS_YEAR -> {
                LocalDate start = terms.schoolYearStart(today);
                return new ReportRange(key, "School year " + start.getYear() + "-" + (start.getYear() + 1)
                        + " so far", start, today);
            }
            case LAST_YEAR -> {
                LocalDate thisStart = terms.schoolYearStart(today);
                LocalDate start = terms.schoolYearStart(thisStart.minusDays(1));
                return new ReportRange(key, "School year " + start.getYear() + "-" + thisStart.getYear(), start,
                        thisStart.minusDays(1));
            }
            case CUSTOM -> {
                LocalDate first = date("from", from);
                LocalDate last = date("to", to);
                if (last.isBefore(first)) {
                    throw new InvalidRequest("The range ends (" + last + ") before it starts (" + first + ")");
                }
                if (last.isAfter(first.plusYears(MAX_YEARS))) {
                    throw new InvalidRequest("A custom range is at most " + MAX_YEARS + " years long");
                }
                return new ReportRange(key, "Custom dates", first, last);
            }
            default -> throw new InvalidRequest("Choose a range: this term, last term, this year, last year or"
                    + " custom dates (not \"" + key + "\")");
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest("Custom dates need both a first day and a last day (the \"" + field
                    + "\" date is missing)");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("The \"" + field + "\" date \"" + text.strip()
                    + "\" is not a date such as 2026-09-01");
        }
    }
}
