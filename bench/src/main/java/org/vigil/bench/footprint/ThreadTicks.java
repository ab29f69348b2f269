package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU ticks per thread of a process group, read from /proc/PID/task/TID/stat, so an idle window can name the
 * threads that woke (the JVM gives Java threads their names, cut to 15 characters by Linux).
 */
record ThreadTicks(Map<String, Long> byThread) {
    static ThreadTicks read(List<Long> pids) {
        Map<String, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                        String key = pid + "/" + task.getFileName() + " " + name;
                        ticks.merge(key, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }
        return new ThreadTicks(Map.copyOf(ticks));
    }

    /** Threads that used CPU since {@code earlier}, most first, as "name ticks" (threads started meanwhile count whole). */
    Map<String, Long> since(ThreadTicks earlier) {
        Map<String, Long> delta = new TreeMap<>();
        byThread.forEach((thread, now) -> {
            long used = now - earlier.byThread.getOrDefault(thread, 0L);
            if (used > 0) {
                delta.merge(thread.substring(thread.indexOf(' ') + 1), used, Long::sum);
            }
        });
        return delta;
    }
}
