package org.vigil.console.reports;

import java.util.ArrayList;
import java.util.List;
import org.vigil.console.csv.Csv;

/**
 * The governor report as CSV: one line per figure, "section, item, this range, the same dates a year earlier", so
 * a spreadsheet can chart it again. For VIEWERs counts are "&lt;3" or rounded to 5, as on the page.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String of(Report report, String school) {
        ReportFigures now = report.current();
        ReportFigures before = report.yearEarlier();
        StringBuilder out = new StringBuilder();
        out.append(Csv.row(List.of("section", "item", now.range().dates(), before.range().dates())));
        out.append(Csv.row(List.of("report", "school", school, "")));
        out.append(Csv.row(List.of("report", "range", now.range().label(), before.range().label())));
        out.append(Csv.row(List.of("report", "small counts hidden", report.smallCountsHidden()
                ? "yes (<3; other counts rounded to the nearest 5)" : "no",
                "")));
        out.append(line("total", "concerns (captures not marked false positive)", now.concerns(), before.concerns()));
        out.append(line("total", "false positives (not counted as concerns)", now.falsePositives(),
                before.falsePositives()));
        for (Report.SchoolRow row : report.bySchool()) {
            out.append(Csv.row(List.of("school", row.name() + " concerns", row.concerns().csv(), "")));
            out.append(Csv.row(List.of("school", row.name() + " false positives", row.falsePositives().csv(),
                    "")));
        }
        List<String> categories = new ArrayList<>();
        now.categories().forEach(r -> categories.add(r.category()));
        before.categories().stream().map(ReportFigures.CategoryRow::category).filter(c -> !categories.contains(c))
                .sorted().forEach(categories::add);
        for (String category : categories) {
            ReportFigures.CategoryRow a = now.category(category).orElse(null);
            ReportFigures.CategoryRow b = before.category(category).orElse(null);
            out.append(line("category", category, a == null ? Tally.ZERO : a.concerns(),
                    b == null ? Tally.ZERO : b.concerns()));
            for (int s = 0; s < 5; s++) {
                out.append(line("category by severity", category + " severity " + (s + 1),
                        a == null ? Tally.ZERO : a.bySeverity().get(s), b == null ? Tally.ZERO : b.bySeverity().get(s)));
            }
            out.append(line("false positives by category", category, a == null ? Tally.ZERO : a.falsePositives(),
                    b == null ? Tally.ZERO : b.falsePositives()));
        }
        for (int s = 0; s < 5; s++) {
            out.append(line("severity", "severity " + (s + 1), now.concernsBySeverity().get(s),
                    before.concernsBySeverity().get(s)));
        }
        for (int i = 0; i < now.periods().size(); i++) {
            String period = now.granularity().param() + " from " + now.periods().get(i).start();
            for (ReportFigures.CategoryRow row : now.categories()) {
                out.append(Csv.row(List.of("concerns per " + now.granularity().param(), period + " " + row.category(),
                        row.perPeriod().get(i).csv(), "")));
            }
            out.append(Csv.row(List.of("false positives per " + now.granularity().param(), period,
                    now.falsePositivesPerPeriod().get(i).csv(), "")));
        }
        lines(out, "status", now.byStatus(), before.byStatus());
        lines(out, "outcome of closed cases", now.byOutcome(), before.byOutcome());
        for (ReportFigures.Line group : now.byYearGroup()) {
            Tally earlier = before.byYearGroup().stream().filter(l -> l.label().equals(group.label()))
                    .map(ReportFigures.Line::count).findFirst().orElse(Tally.ZERO);
            out.append(line("year group", group.label(), group.count(), earlier));
        }
        delay(out, "time to first review", now.review(), before.review());
        delay(out, "time to closure", now.closure(), before.closure());
        return out.toString();
    }

    private static void lines(StringBuilder out, String section, List<ReportFigures.Line> now,
                              List<ReportFigures.Line> before) {
        for (int i = 0; i < now.size(); i++) {
            out.append(line(section, now.get(i).label(), now.get(i).count(), before.get(i).count()));
        }
    }

    private static void delay(StringBuilder out, String section, Delay now, Delay before) {
        out.append(line(section, "captures", now.captures(), before.captures()));
        out.append(Csv.row(List.of(section, "p50", now.p50Text(), before.p50Text())));
        out.append(Csv.row(List.of(section, "p90", now.p90Text(), before.p90Text())));
    }

    private static String line(String section, String item, Tally now, Tally before) {
        return Csv.row(List.of(section, item, now.csv(), before.csv()));
    }
}
