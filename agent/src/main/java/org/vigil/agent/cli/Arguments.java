package org.vigil.agent.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.vigil.agent.config.ConfigException;

/** The agent's command line: {@code --config FILE [--data DIR]}. */
public record Arguments(Path config, Optional<Path> dataDir) {
    public static final String USAGE = "usage: java -jar vigil-agent.jar --config FILE [--data DIR]";

    /** Whether the command line asks for the usage text only. */
    public static boolean asksForHelp(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    public static Arguments parse(String[] args) throws ConfigException {
        Path config = null;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> config = path(args, ++i, arg);
                case "--data" -> data = path(args, ++i, arg);
                default -> throw new ConfigException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        if (config == null) {
            throw new ConfigException("--config FILE is required\n" + USAGE);
        }
        return new Arguments(config, Optional.ofNullable(data));
    }

    private static Path path(String[] args, int i, String option) throws ConfigException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException(option + " needs a value\n" + USAGE);
        }
        try {
            return Path.of(args[i]);
        } catch (InvalidPathException e) {
            throw new ConfigException(option + " " + args[i] + " is not a usable path");
        }
    }
}
