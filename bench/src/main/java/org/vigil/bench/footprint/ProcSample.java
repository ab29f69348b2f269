package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One reading of a Linux process from /proc: resident memory (VmRSS, and Pss from smaps_rollup where the kernel
 * has it), CPU time in clock ticks (its own utime+stime, and its reaped children's: the agent runs xprop), threads.
 */
public record ProcSample(long rssKb, long pssKb, long cpuTicks, long childTicks, int threads) {
    public static final ProcSample ZERO = new ProcSample(0, 0, 0, 0, 0);

    /** Empty if the process has gone. */
    public static Optional<ProcSample> read(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            List<String> status = Files.readAllLines(proc.resolve("status"));
            long rss = field(status, "VmRSS:");
            int threads = (int) field(status, "Threads:");
            long pss = -1;
            Path rollup = proc.resolve("smaps_rollup");
            if (Files.isReadable(rollup)) {
                pss = field(Files.readAllLines(rollup), "Pss:");
            }
            String stat = Files.readString(proc.resolve("stat"));
            // fields after the parenthesised command name, which may itself hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return Optional.of(new ProcSample(rss, pss, own, children, threads));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    ProcSample plus(ProcSample other) {
        return new ProcSample(rssKb + other.rssKb, pss(pssKb, other.pssKb), cpuTicks + other.cpuTicks,
                childTicks + other.childTicks, threads + other.threads);
    }

    public long totalTicks() {
        return cpuTicks + childTicks;
    }

    private static long pss(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    private static long field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
