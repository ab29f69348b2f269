package org.vigil.console.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --name=value} options, with clear errors for anything else. */
final class CommandLineOptions {
    private CommandLineOptions() {
    }

    static Map<String, String> parse(List<String> args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                value = null;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
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
