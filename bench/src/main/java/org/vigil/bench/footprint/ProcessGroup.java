package org.vigil.bench.footprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes one variant runs as (one agent, or a device service and a session helper), summed; {@code parts}
 * are the same processes one by one (empty for a single process), each with its own name and flags.
 */
record ProcessGroup(String name, String flags, List<Long> pids, List<ProcessGroup> parts) {
    ProcessGroup {
        pids = List.copyOf(pids);
        parts = List.copyOf(parts);
    }

    ProcessGroup(String name, String flags, List<Long> pids) {
        this(name, flags, pids, pids.size() < 2 ? List.of()
                : pids.stream().map(pid -> new ProcessGroup(name + "/" + pid, flags, List.of(pid), List.of())).toList());
    }

    /** What the report shows for this group: each process, then their sum; or the one process. */
    List<ProcessGroup> rows() {
        if (parts.isEmpty()) {
            return List.of(this);
        }
        List<ProcessGroup> rows = new ArrayList<>(parts);
        rows.add(new ProcessGroup(name + " (sum)", "", pids, List.of()));
        return rows;
    }

    /** Empty if any of the processes has gone (a variant that died is reported, not summed short). */
    Optional<ProcSample> sample() {
        ProcSample sum = ProcSample.ZERO;
        for (long pid : pids) {
            Optional<ProcSample> one = ProcSample.read(pid);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.plus(one.get());
        }
        return Optional.of(sum);
    }
}
