package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.reports.BarChart;
import org.vigil.console.reports.Report;
import org.vigil.console.store.School;

/**
 * The reports page: the form (with the reader's schools to choose from, if several), a refusal if the range made
 * no sense, else the report and its charts.
 */
public record ReportPage(PageHeader header, ReportForm form, List<School> schools, Optional<String> refusal,
                         Optional<Shown> shown) {

    /** A report as shown: its figures, its charts, and the query that downloads the same report. */
    public record Shown(Report report, List<BarChart> charts, String query) {
    }
}
