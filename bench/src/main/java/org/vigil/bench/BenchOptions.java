package org.vigil.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name N} options, all whole numbers, and {@code --flag} switches (a name with no number after it). */
record BenchOptions(Map<String, Integer> values, Set<String> flags) {
    static BenchOptions parse(List<String> args) {
        Map<String, Integer> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 == args.size() || args.get(i + 1).startsWith("--")) {
                flags.add(name);
                continue;
            }
            try {
                values.put(name, Integer.parseInt(args.get(i + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a whole number, got " + args.get(i + 1));
            }
            i++;
        }
        return new BenchOptions(values, flags);
    }

    int get(String name, int fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }
}
