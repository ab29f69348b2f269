package org.vigil.console.cli;

import org.vigil.console.ConsoleConfig;
import org.vigil.console.store.DatabaseChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An IT command's arguments: its action, at most one positional value (an id), then {@code --name value} options. */
record AdminArguments(String action, Optional<String> target, Map<String, String> options) {

    static AdminArguments parse(String command, List<String> args, Set<String> actions, Set<String> known) {
        return parse(command, args, actions, known, Set.of());
    }

    /** As above, with {@code flags}: options without a value, present or not. */
    static AdminArguments parse(String command, List<String> args, Set<String> actions, Set<String> known,
                                Set<String> flags) {
        if (args.isEmpty() || !actions.contains(args.get(0))) {
            throw new IllegalArgumentException(command + " needs one of: " + String.join(", ",
                    actions.stream().sorted().toList()));
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        Optional<String> target = Optional.empty();
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            target = Optional.of(rest.remove(0));
        }
        Set<String> withDatabase = new java.util.HashSet<>(known);
        withDatabase.addAll(DatabaseChoice.OPTIONS);
        return new AdminArguments(args.get(0), target, CommandLineOptions.parse(rest, withDatabase, flags));
    }

    Path dataDir() {
        return Optional.ofNullable(options.get("--data")).map(Path::of).orElse(ConsoleConfig.DEFAULT_DATA_DIR);
    }

    /** SQLite in the data directory, or the PostgreSQL that {@code --db} or {@code VIGIL_DB_URL} names. */
    DatabaseChoice database() {
        return DatabaseChoice.from(options, System.getenv());
    }

    /** Who the audit log names for a change made with an IT command: the operating-system user. */
    static String cliActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    String requireTarget(String what) {
        return target.orElseThrow(() -> new IllegalArgumentException(action + " needs the " + what));
    }
}
