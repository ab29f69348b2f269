package org.vigil.console.store;

/**
 * Days {@code [fromDay, toDay)} (UTC days since the epoch) read from the aggregates of one grain. A WEEK span
 * starts on a Monday and a MONTH span on the first of a month, and each covers whole weeks or months.
 */
public record AggregateSpan(Grain grain, long fromDay, long toDay) {

    /**
     * The aggregates' grains: V29's daily rows, V31's weekly and monthly sums of them, and V40's weekly and monthly
     * counts per category alone (the per-period section's; days read theirs from the daily rows).
     */
    public enum Grain {
        DAY("report_days", "day", "report_pupil_days", null),
        WEEK("report_weeks", "week", null, "report_category_weeks"),
        MONTH("report_months", "month", "report_pupil_months", "report_category_months");

        private final String table;
        private final String key;
        private final String pupilTable;
        private final String categoryTable;

        Grain(String table, String key, String pupilTable, String categoryTable) {
            this.table = table;
            this.key = key;
            this.pupilTable = pupilTable;
            this.categoryTable = categoryTable;
        }

        /** Counts per category and false positive or not (V40), if kept at this grain. */
        java.util.Optional<String> categoryTable() {
            return java.util.Optional.ofNullable(categoryTable);
        }

        String table() {
            return table;
        }

        String key() {
            return key;
        }

        /** Whether counts per login are kept at this grain. */
        public boolean perLogin() {
            return pupilTable != null;
        }

        String pupilTable() {
            if (pupilTable == null) {
                throw new IllegalArgumentException("no per-login counts per " + name().toLowerCase());
            }
            return pupilTable;
        }
    }

    public AggregateSpan {
        if (toDay <= fromDay) {
            throw new IllegalArgumentException("empty span " + grain + " " + fromDay + ".." + toDay);
        }
    }
}
