package org.vigil.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name N} options, all whole numbers. */
record BenchOptions(Map<String, Integer> values) {
    static BenchOptions parse(List<String> args) {
        Map<String, Integer> values = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            try {
                values.put(args.get(i), Integer.parseInt(args.get(i + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args.get(i) + " needs a whole number, got " + args.get(i + 1));
            }
        }
        return new BenchOptions(values);
    }

    int get(String name, int fallback) {
        return values.getOrDefault(name, fallback);
    }
}
