package org.vigil.bench.footprint;

import java.util.List;
import java.util.Optional;

/** The processes one variant runs as (today one agent; after the split a service and a helper), summed. */
record ProcessGroup(String name, String flags, List<Long> pids) {
    ProcessGroup {
        pids = List.copyOf(pids);
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
