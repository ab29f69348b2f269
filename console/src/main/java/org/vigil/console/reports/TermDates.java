package org.vigil.console.reports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import org.vigil.console.request.InvalidRequest;

/**
 * The school's three terms, from the day each starts (setting {@code reports.term_starts}, "MM-DD,MM-DD,MM-DD" for
 * the autumn, spring and summer terms; default 1 September, 1 January, 15 April). A term runs until the next one
 * starts, so each holiday counts with the term before it and every day of the year is in one term; the school year
 * starts with the autumn term.
 */
public record TermDates(MonthDay autumn, MonthDay spring, MonthDay summer) {
    public static final String DEFAULT = "09-01,01-01,04-15";
    private static final String[] NAMES = {"Autumn", "Spring", "Summer"};

    public TermDates {
        if (!(spring.isBefore(summer) && summer.isBefore(autumn))) {
            throw new InvalidRequest("Term starts must run spring, then summer, then autumn within the calendar year"
                    + " (spring " + spring + ", summer " + summer + ", autumn " + autumn + ")");
        }
    }

    public static TermDates defaults() {
        return parse(DEFAULT);
    }

    /**
     * Reads "MM-DD,MM-DD,MM-DD" (autumn, spring, summer).
     *
     * @throws InvalidRequest naming what is wrong
     */
    public static TermDates parse(String text) {
        String[] parts = text.strip().split("\\s*,\\s*");
        if (parts.length != 3) {
            throw new InvalidRequest("Give the first day of the autumn, spring and summer terms as MM-DD,MM-DD,MM-DD"
                    + " (for example " + DEFAULT + "), not \"" + text + "\"");
        }
        List<MonthDay> days = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                days.add(MonthDay.parse("--" + parts[i]));
            } catch (DateTimeException e) {
                throw new InvalidRequest("The " + NAMES[i].toLowerCase() + " term's first day \"" + parts[i]
                        + "\" is not a month and day such as 09-01");
            }
        }
        return new TermDates(days.get(0), days.get(1), days.get(2));
    }

    /** The setting's stored form. */
    public static String normalise(String text) {
        return parse(text).toString();
    }

    @Override
    public String toString() {
        return String.format("%02d-%02d,%02d-%02d,%02d-%02d", autumn.getMonthValue(), autumn.getDayOfMonth(),
                spring.getMonthValue(), spring.getDayOfMonth(), summer.getMonthValue(), summer.getDayOfMonth());
    }

    /** The term the day falls in. */
    public Term termOf(LocalDate day) {
        LocalDate autumnStart = schoolYearStart(day);
        LocalDate springStart = spring.atYear(autumnStart.getYear() + 1);
        LocalDate summerStart = summer.atYear(autumnStart.getYear() + 1);
        LocalDate nextAutumn = autumn.atYear(autumnStart.getYear() + 1);
        if (day.isBefore(springStart)) {
            return new Term("Autumn term " + autumnStart.getYear(), autumnStart, springStart);
        }
        if (day.isBefore(summerStart)) {
            return new Term("Spring term " + springStart.getYear(), springStart, summerStart);
        }
        return new Term("Summer term " + summerStart.getYear(), summerStart, nextAutumn);
    }

    /** The first day of the school year the day falls in (the autumn term's). */
    public LocalDate schoolYearStart(LocalDate day) {
        LocalDate thisAutumn = autumn.atYear(day.getYear());
        return day.isBefore(thisAutumn) ? autumn.atYear(day.getYear() - 1) : thisAutumn;
    }

    /** One term: its name and its days, {@code [start, end)}. */
    public record Term(String name, LocalDate start, LocalDate end) {
    }
}
