package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average now (1, 5 and 15 minutes), which every figure is reported beside. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** {@code "1.07 1.20 1.31"}, or {@code "n/a"} where /proc has none. */
    public static String now() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
