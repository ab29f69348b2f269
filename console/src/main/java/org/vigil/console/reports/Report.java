package org.vigil.console.reports;

import java.util.List;

/**
 * A report as one reader may see it: the figures for the range and for the same dates a year earlier, whether
 * small counts are hidden (for VIEWERs), the name of the schools it covers ("" when it covers the whole console as
 * one school), and for a report of several schools each school's concerns and false positives over the range.
 */
public record Report(ReportFigures current, ReportFigures yearEarlier, boolean smallCountsHidden, String covers,
                     List<SchoolRow> bySchool) {

    public ReportRange range() {
        return current.range();
    }

    public Granularity granularity() {
        return current.granularity();
    }

    /**
     * One school's concerns and false positives over the range, each counted and hidden or rounded from its own
     * exact value (ADR 0155), as the totals are: a small school's figures cannot be had by subtracting the others'
     * from the total.
     */
    public record SchoolRow(String code, String name, Tally concerns, Tally falsePositives) {
    }
}
