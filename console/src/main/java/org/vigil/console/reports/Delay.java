package org.vigil.console.reports;

import java.util.List;
import java.util.Optional;
import org.vigil.console.store.ReportRepository.DelayCount;

/**
 * How soon captures were first reviewed, or closed, after the console received them: how many, and the 50th and
 * 90th percentiles as the bound of the bucket they fall in ("within 2 hours"): the aggregates count times in
 * buckets (V29 {@code report_delay_buckets}), which is also how a governor reads them.
 */
public record Delay(Tally captures, Optional<Long> p50Minutes, Optional<Long> p90Minutes) {
    /** Bounds at or above this are the open-ended last bucket. */
    static final long OPEN_ENDED_MINUTES = 43200;

    static Delay of(List<DelayCount> buckets, String measure, boolean suppressSmall) {
        List<DelayCount> mine = buckets.stream().filter(b -> b.measure().equals(measure)).toList();
        long total = mine.stream().mapToLong(DelayCount::captures).sum();
        Tally count = Tally.of(total, suppressSmall);
        if (total == 0 || count.hidden()) {
            return new Delay(count, Optional.empty(), Optional.empty());
        }
        return new Delay(count, Optional.of(percentile(mine, total, 50)), Optional.of(percentile(mine, total, 90)));
    }

    /** The smallest bucket bound that at least {@code percent} % of the captures fall within. */
    private static long percentile(List<DelayCount> buckets, long total, int percent) {
        long needed = (total * percent + 99) / 100;
        long seen = 0;
        for (DelayCount bucket : buckets) {
            seen += bucket.captures();
            if (seen >= needed) {
                return bucket.withinMinutes();
            }
        }
        return buckets.get(buckets.size() - 1).withinMinutes();
    }

    public String p50Text() {
        return p50Minutes.map(Delay::within).orElse("not enough to say");
    }

    public String p90Text() {
        return p90Minutes.map(Delay::within).orElse("not enough to say");
    }

    /** "within 15 minutes", "within 2 hours", "within 1 day", "more than 30 days". */
    public static String within(long minutes) {
        if (minutes > OPEN_ENDED_MINUTES) {
            return "more than 30 days";
        }
        if (minutes < 60) {
            return "within " + minutes + " minutes";
        }
        if (minutes < 1440) {
            long hours = minutes / 60;
            return "within " + hours + (hours == 1 ? " hour" : " hours");
        }
        long days = minutes / 1440;
        return "within " + days + (days == 1 ? " day" : " days");
    }
}
