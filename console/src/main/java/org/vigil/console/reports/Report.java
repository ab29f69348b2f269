package org.vigil.console.reports;

/**
 * A report as one reader may see it: the figures for the range and for the same dates a year earlier, and whether
 * small counts are hidden (for VIEWERs).
 */
public record Report(ReportFigures current, ReportFigures yearEarlier, boolean smallCountsHidden) {

    public ReportRange range() {
        return current.range();
    }

    public Granularity granularity() {
        return current.granularity();
    }
}
