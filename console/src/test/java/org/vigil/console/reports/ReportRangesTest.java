package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.vigil.console.request.InvalidRequest;

/** Terms and ranges: the default UK term dates, settable ones, and every refusal saying what is wrong. */
class ReportRangesTest {
    private static final TermDates TERMS = TermDates.defaults();

    private static String dates(String which, String today) {
        ReportRange range = ReportRanges.resolve(which, null, null, LocalDate.parse(today), TERMS);
        return range.label() + ": " + range.from() + " to " + range.to();
    }

    @Test
    void termsAndSchoolYearsFromTheDefaultDates() {
        assertEquals("Autumn term 2026 so far: 2026-09-01 to 2026-11-30", dates("this-term", "2026-11-30"));
        assertEquals("Autumn term 2026 so far: 2026-09-01 to 2026-09-01", dates("", "2026-09-01"));
        assertEquals("Summer term 2026: 2026-04-15 to 2026-08-31", dates("last-term", "2026-11-30"));
        assertEquals("Spring term 2027 so far: 2027-01-01 to 2027-02-10", dates("this-term", "2027-02-10"));
        assertEquals("Autumn term 2026: 2026-09-01 to 2026-12-31", dates("last-term", "2027-02-10"));
        assertEquals("Summer term 2027 so far: 2027-04-15 to 2027-08-31", dates("this-term", "2027-08-31"));
        assertEquals("School year 2026-2027 so far: 2026-09-01 to 2027-08-31", dates("this-year", "2027-08-31"));
        assertEquals("School year 2025-2026: 2025-09-01 to 2026-08-31", dates("last-year", "2026-11-30"));
        assertEquals("Spring term 2026: 2026-01-01 to 2026-04-14", dates("last-term", "2026-04-15"));
    }

    @Test
    void aSchoolSetsItsOwnTermDates() {
        TermDates own = TermDates.parse("09-04, 01-06,04-22");
        assertEquals("09-04,01-06,04-22", own.toString());
        ReportRange range = ReportRanges.resolve("last-term", null, null, LocalDate.parse("2027-01-05"), own);
        assertEquals(LocalDate.parse("2026-04-22"), range.from());
        assertEquals(LocalDate.parse("2026-09-03"), range.to());
        assertEquals("Autumn term 2026", own.termOf(LocalDate.parse("2027-01-05")).name());
    }

    @Test
    void badTermDatesAreRefusedSayingWhy() {
        assertEquals("The spring term's first day \"13-01\" is not a month and day such as 09-01",
                assertThrows(InvalidRequest.class, () -> TermDates.parse("09-01,13-01,04-15")).getMessage());
        assertThrows(InvalidRequest.class, () -> TermDates.parse("09-01,01-01"));
        assertThrows(InvalidRequest.class, () -> TermDates.parse("09-01,05-01,04-15"));
    }

    @Test
    void customDatesAreCheckedAndKeptWhole() {
        LocalDate today = LocalDate.parse("2026-11-30");
        ReportRange range = ReportRanges.resolve("custom", "2026-10-01", "2026-10-01", today, TERMS);
        assertEquals(1, range.days());
        assertEquals("The range ends (2026-09-30) before it starts (2026-10-01)", assertThrows(InvalidRequest.class,
                () -> ReportRanges.resolve("custom", "2026-10-01", "2026-09-30", today, TERMS)).getMessage());
        assertEquals("The \"from\" date \"1/10/2026\" is not a date such as 2026-09-01", assertThrows(
                InvalidRequest.class, () -> ReportRanges.resolve("custom", "1/10/2026", "2026-10-30", today,
                        TERMS)).getMessage());
        assertThrows(InvalidRequest.class, () -> ReportRanges.resolve("custom", "", "2026-10-30", today, TERMS));
        assertThrows(InvalidRequest.class, () -> ReportRanges.resolve("custom", "2000-01-01", "2026-10-30", today,
                TERMS));
        assertThrows(InvalidRequest.class, () -> ReportRanges.resolve("next-term", null, null, today, TERMS));
    }
}
