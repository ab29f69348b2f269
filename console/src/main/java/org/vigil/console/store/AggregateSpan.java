package org.vigil.console.store;

/**
 * Days {@code [fromDay, toDay)} (UTC days since the epoch) read from the aggregates of one grain. A WEEK span
 * starts on a Monday and a MONTH span on the first of a month, and each covers whole weeks or months.
 */
public record AggregateSpan(Grain grain, long fromDay, long toDay) {

    /** The aggregates' grains: V29's daily rows and V31's weekly and monthly sums of them. */
    public enum Grain {
        DAY("report_days", "day", "report_pupil_days"),
        WEEK("report_weeks", "week", null),
        MONTH("report_months", "month", "report_pupil_months");

        private final String table;
        private final String key;
        private final String pupilTable;

        Grain(String table, String key, String pupilTable) {
            this.table = table;
            this.key = key;
            this.pupilTable = pupilTable;
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
