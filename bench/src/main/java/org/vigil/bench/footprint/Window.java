package org.vigil.bench.footprint;

import java.util.Optional;

/**
 * What one process group did over one measured window: CPU as a percentage of one core (own and children's
 * ticks), and resident memory at the end and at its peak (sampled every second).
 */
final class Window {
    private final long clockTicksPerSecond;
    private final ProcSample first;
    private final long startNanos;
    private ProcSample last;
    private long endNanos;
    private long peakRssKb;
    private long peakPssKb;
    private int peakThreads;
    private boolean died;

    Window(ProcSample first, long startNanos, long clockTicksPerSecond) {
        this.first = first;
        this.startNanos = startNanos;
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.last = first;
        this.endNanos = startNanos;
        record(first);
    }

    void add(Optional<ProcSample> sample, long nanos) {
        if (sample.isEmpty()) {
            died = true;
            return;
        }
        last = sample.get();
        endNanos = nanos;
        record(last);
    }

    private void record(ProcSample sample) {
        peakRssKb = Math.max(peakRssKb, sample.rssKb());
        peakPssKb = Math.max(peakPssKb, sample.pssKb());
        peakThreads = Math.max(peakThreads, sample.threads());
    }

    double cpuPercent() {
        double seconds = (endNanos - startNanos) / 1e9;
        return seconds <= 0 ? 0 : 100.0 * (last.totalTicks() - first.totalTicks()) / clockTicksPerSecond / seconds;
    }

    double childCpuPercent() {
        double seconds = (endNanos - startNanos) / 1e9;
        return seconds <= 0 ? 0 : 100.0 * (last.childTicks() - first.childTicks()) / clockTicksPerSecond / seconds;
    }

    long ticks() {
        return last.totalTicks() - first.totalTicks();
    }

    ProcSample last() {
        return last;
    }

    long peakRssKb() {
        return peakRssKb;
    }

    long peakPssKb() {
        return peakPssKb;
    }

    int peakThreads() {
        return peakThreads;
    }

    boolean died() {
        return died;
    }
}
