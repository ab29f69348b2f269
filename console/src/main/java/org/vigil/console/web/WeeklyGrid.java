package org.vigil.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.console.store.CategoryCount;
import org.vigil.console.store.TriageRepository;

/**
 * Counts by category and week as a table: a row per category, a column per week, each cell shaded by how many
 * captures it holds so a run of low-severity hits stands out. Shading is by CSS class (the CSP forbids inline style).
 */
public record WeeklyGrid(List<String> weeks, List<Row> rows) {
    private static final DateTimeFormatter WEEK_LABEL = DateTimeFormatter.ofPattern("dd MMM").withZone(ZoneOffset.UTC);

    public static WeeklyGrid of(List<CategoryCount> counts, Instant now, int weekCount) {
        long lastWeek = TriageRepository.weekOf(now);
        long firstWeek = lastWeek - weekCount + 1;
        List<String> labels = new ArrayList<>();
        for (long week = firstWeek; week <= lastWeek; week++) {
            labels.add(WEEK_LABEL.format(TriageRepository.startOfWeek(week)));
        }
        Map<String, long[]> byCategory = new TreeMap<>();
        for (CategoryCount count : counts) {
            if (count.period() >= firstWeek && count.period() <= lastWeek) {
                byCategory.computeIfAbsent(count.category(), c -> new long[weekCount])[(int) (count.period() - firstWeek)]
                        += count.count();
            }
        }
        List<Row> rows = new ArrayList<>();
        byCategory.forEach((category, cells) -> {
            List<Cell> row = new ArrayList<>();
            long total = 0;
            for (long n : cells) {
                row.add(new Cell(n, level(n)));
                total += n;
            }
            rows.add(new Row(category, row, total));
        });
        return new WeeklyGrid(labels, rows);
    }

    private static int level(long n) {
        if (n == 0) {
            return 0;
        }
        return n < 3 ? 1 : n < 10 ? 2 : n < 30 ? 3 : 4;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** One category across the weeks. */
    public record Row(String category, List<Cell> cells, long total) {
    }

    /** One week's count, with its shade from 0 (none) to 4 (many). */
    public record Cell(long count, int level) {
        public String cssClass() {
            return "heat-" + level;
        }
    }
}
