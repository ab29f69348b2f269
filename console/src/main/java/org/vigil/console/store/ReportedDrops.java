package org.vigil.console.store;

/** The cumulative spool drop counts of a device that IT was last emailed about (zero: never). */
public record ReportedDrops(long screenshots, long events) {
    public static final ReportedDrops NONE = new ReportedDrops(0, 0);
}
