package org.vigil.console.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's three charts, from its figures: concerns per period stacked by category; concerns per category
 * beside the same dates a year earlier; concerns per year group. Counts hidden from the reader are drawn as
 * nothing (a bar's height would give them away).
 */
public final class Charts {
    private static final double WIDTH = 720;
    private static final double LEFT = 48;
    private static final double RIGHT = 12;
    private static final double TOP = 12;
    private static final double BOTTOM = 40;

    private Charts() {
    }

    public static List<BarChart> of(Report report) {
        return List.of(perPeriod(report.current()), perCategory(report), perYearGroup(report.current()));
    }

    static BarChart perPeriod(ReportFigures figures) {
        double height = 260;
        double plotHeight = height - TOP - BOTTOM;
        int n = figures.periods().size();
        double slot = (WIDTH - LEFT - RIGHT) / Math.max(n, 1);
        long max = 1;
        for (Tally total : figures.concernsPerPeriod()) {
            max = Math.max(max, total.chartValue());
        }
        long top = niceCeiling(max);
        List<BarChart.Bar> bars = new ArrayList<>();
        List<BarChart.Label> labels = new ArrayList<>();
        List<BarChart.Rule> rules = yAxis(top, plotHeight, WIDTH - RIGHT, labels);
        int every = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i++) {
            double x = LEFT + i * slot + slot * 0.15;
            double y = TOP + plotHeight;
            for (ReportFigures.CategoryRow row : figures.categories()) {
                long value = row.perPeriod().get(i).chartValue();
                if (value > 0) {
                    double h = value * plotHeight / top;
                    y -= h;
                    bars.add(new BarChart.Bar(x, y, slot * 0.7, h, ChartColours.ofCategory(row.category()),
                            row.category() + ", " + figures.periods().get(i).label() + ": "
                                    + row.perPeriod().get(i).text()));
                }
            }
            if (i % every == 0) {
                labels.add(new BarChart.Label(x + slot * 0.35, TOP + plotHeight + 16,
                        figures.periods().get(i).label(), "middle"));
            }
        }
        List<BarChart.Key> key = figures.categories().stream().filter(r -> r.concerns().chartValue() > 0)
                .map(r -> new BarChart.Key(ChartColours.ofCategory(r.category()), r.category())).toList();
        return new BarChart("chart-per-period", "Concerns per " + figures.granularity().param() + ", by category",
                WIDTH, height, bars, labels, rules, key);
    }

    static BarChart perCategory(Report report) {
        ReportFigures now = report.current();
        ReportFigures before = report.yearEarlier();
        List<String> categories = new ArrayList<>();
        now.categories().forEach(r -> categories.add(r.category()));
        before.categories().stream().map(ReportFigures.CategoryRow::category).filter(c -> !categories.contains(c))
                .forEach(categories::add);
        categories.sort(String::compareTo);
        List<Row> rows = new ArrayList<>();
        for (String category : categories) {
            Tally current = now.category(category).map(ReportFigures.CategoryRow::concerns).orElse(Tally.ZERO);
            Tally earlier = before.category(category).map(ReportFigures.CategoryRow::concerns).orElse(Tally.ZERO);
            rows.add(new Row(category, List.of(
                    new Value(current, ChartColours.SERIES, category + ": " + current.text()),
                    new Value(earlier, ChartColours.YEAR_EARLIER,
                            category + ", a year earlier: " + earlier.text()))));
        }
        return horizontal("chart-per-category", "Concerns per category, against the same dates a year earlier",
                rows, List.of(new BarChart.Key(ChartColours.SERIES, now.range().dates()),
                        new BarChart.Key(ChartColours.YEAR_EARLIER, before.range().dates())));
    }

    static BarChart perYearGroup(ReportFigures figures) {
        List<Row> rows = figures.byYearGroup().stream().map(line -> new Row(line.label(), List.of(
                new Value(line.count(), ChartColours.SERIES, line.label() + ": " + line.count().text())))).toList();
        return horizontal("chart-per-year-group", "Concerns per year group", rows, List.of());
    }

    private static BarChart horizontal(String id, String title, List<Row> rows, List<BarChart.Key> key) {
        double label = 150;
        int perRow = rows.isEmpty() ? 1 : rows.get(0).values().size();
        double barHeight = 12;
        double rowHeight = perRow * barHeight + 8;
        double height = TOP + Math.max(rows.size(), 1) * rowHeight + BOTTOM;
        double plotWidth = WIDTH - label - RIGHT - 40;
        long max = 1;
        for (Row row : rows) {
            for (Value v : row.values()) {
                max = Math.max(max, v.tally().chartValue());
            }
        }
        long top = niceCeiling(max);
        List<BarChart.Bar> bars = new ArrayList<>();
        List<BarChart.Label> labels = new ArrayList<>();
        List<BarChart.Rule> rules = new ArrayList<>();
        double plotBottom = TOP + Math.max(rows.size(), 1) * rowHeight;
        rules.add(new BarChart.Rule(label, TOP, label, plotBottom));
        for (int t = 0; t <= 4; t++) {
            double x = label + plotWidth * t / 4;
            rules.add(new BarChart.Rule(x, plotBottom, x, plotBottom + 4));
            labels.add(new BarChart.Label(x, plotBottom + 16, String.valueOf(top * t / 4), "middle"));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            double y = TOP + r * rowHeight + 4;
            labels.add(new BarChart.Label(label - 6, y + perRow * barHeight / 2 + 4, row.label(), "end"));
            for (int v = 0; v < row.values().size(); v++) {
                Value value = row.values().get(v);
                double w = value.tally().chartValue() * plotWidth / top;
                double by = y + v * barHeight;
                if (w > 0) {
                    bars.add(new BarChart.Bar(label, by, w, barHeight - 2, value.colour(), value.title()));
                }
                labels.add(new BarChart.Label(label + w + 4, by + barHeight - 3, value.tally().text(), "start"));
            }
        }
        return new BarChart(id, title, WIDTH, height, bars, labels, rules, key);
    }

    /** The y axis with four gridlines and their values. */
    private static List<BarChart.Rule> yAxis(long top, double plotHeight, double right, List<BarChart.Label> labels) {
        List<BarChart.Rule> rules = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double y = TOP + plotHeight - plotHeight * t / 4;
            rules.add(new BarChart.Rule(LEFT, y, right, y));
            labels.add(new BarChart.Label(LEFT - 6, y + 4, String.valueOf(top * t / 4), "end"));
        }
        return rules;
    }

    /** The smallest of 4, 8, 20, 40, 80, 200… (divisible by 4) at or above the value. */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long m : new long[] {4, 8, 20}) {
                if (m * step >= value) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }

    private record Row(String label, List<Value> values) {
    }

    private record Value(Tally tally, int colour, String title) {
    }
}
