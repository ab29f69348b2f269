package org.vigil.bench;

import java.util.List;

/** Nearest-rank percentiles of latencies measured in nanoseconds, reported in milliseconds. */
final class Percentiles {
    private Percentiles() {
    }

    /** @param sortedNanos ascending */
    static double millis(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.size());
        return sortedNanos.get(Math.max(rank, 1) - 1) / 1e6;
    }
}
