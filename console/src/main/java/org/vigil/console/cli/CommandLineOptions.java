package org.vigil.console.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --name=value} options, and {@code --flag}s that take no value (kept with the value
 * {@code "yes"}), with clear errors for anything else.
 */
final class CommandLineOptions {
    private CommandLineOptions() {
    }

    static Map<String, String> parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    static Map<String, String> parse(List<String> args, Set<String> known, Set<String> flags) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (flags.contains(arg)) {
                options.put(arg, "yes");
                continue;
            } else if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                value = null;
            }
            if (flags.contains(name)) {
                throw new IllegalArgumentException(name + " takes no value");
            }
            if (!known.contains(name)) {
                List<String> all = new ArrayList<>(known);
                all.addAll(flags);
                throw new IllegalArgumentException("unknown option " + arg + " (known: "
                        + String.join(", ", all.stream().sorted().toList()) + ")");
            }
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }

    static int intValue(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got " + value);
        }
    }
}
