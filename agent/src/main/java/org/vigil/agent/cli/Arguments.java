package org.vigil.agent.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.vigil.agent.config.ConfigException;

/**
 * The agent's command line:
 * <ul>
 *   <li>{@code --config FILE [--data DIR]}: both halves in one process, as before the split (demo, tests);</li>
 *   <li>{@code service --config FILE [--data DIR] [--socket PATH]}: the device service, one per device;</li>
 *   <li>{@code session [--socket PATH]}: the session helper, one per desktop session;</li>
 *   <li>{@code windows-service} with the options of {@code service}: the device service as the Windows service
 *   manager starts it (ADR 0117).</li>
 * </ul>
 */
public record Arguments(Command command, Optional<Path> config, Optional<Path> dataDir, Optional<Path> socket) {
    public static final String USAGE = """
            usage: java -jar vigil-agent.jar --config FILE [--data DIR]
                   java -jar vigil-agent.jar service --config FILE [--data DIR] [--socket PATH]
                   java -jar vigil-agent.jar session [--socket PATH]
                   java -jar vigil-agent.jar windows-service --config FILE [--data DIR] [--socket PATH]
                   java -jar vigil-agent.jar --help | --version
              (no command)  both halves in one process, as the signed-in user (demo, tests)
              service       the device service: enrolment, spool, the link to the console; as root, one per device
              session       the session helper: keyboard hook, matching, screenshots; as the pupil, per desktop session
              windows-service  the device service, started by the Windows service manager (as the MSI registers it)
              --config FILE the agent's properties (console.address, enrolment.token, console.ca.sha256, ...)
              --data DIR    identity and spool (default: data.dir in the config, else the user's data folder)
              --socket PATH where the service listens for session helpers (default /run/vigil/agent.sock)
            exit codes: 0 stopped cleanly, 2 bad command line or config, 3 no keyboard hook, 70 a worker failed""";

    /** Whether the command line asks for the version only. */
    public static boolean asksForVersion(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("version"));
    }

    /** Which half, or both, this process runs. */
    public enum Command {
        BOTH, SERVICE, SESSION, WINDOWS_SERVICE
    }

    /** Whether the command line asks for the usage text only. */
    public static boolean asksForHelp(String[] args) {
        return args.length >= 1 && (args[args.length - 1].equals("--help") || args[args.length - 1].equals("-h"));
    }

    public static Arguments parse(String[] args) throws ConfigException {
        Command command = Command.BOTH;
        int first = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            command = switch (args[0]) {
                case "service" -> Command.SERVICE;
                case "session" -> Command.SESSION;
                case "windows-service" -> Command.WINDOWS_SERVICE;
                default -> throw new ConfigException("unknown command " + args[0] + "\n" + USAGE);
            };
            first = 1;
        }
        Path config = null;
        Path data = null;
        Path socket = null;
        for (int i = first; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> config = path(args, ++i, arg);
                case "--data" -> data = path(args, ++i, arg);
                case "--socket" -> socket = path(args, ++i, arg);
                default -> throw new ConfigException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        if (command == Command.SESSION && (config != null || data != null)) {
            throw new ConfigException("the session helper takes no --config or --data: its settings come from the"
                    + " device service\n" + USAGE);
        }
        if (command == Command.BOTH && socket != null) {
            throw new ConfigException("--socket is for the service and session commands\n" + USAGE);
        }
        if (command != Command.SESSION && config == null) {
            throw new ConfigException("--config FILE is required\n" + USAGE);
        }
        return new Arguments(command, Optional.ofNullable(config), Optional.ofNullable(data),
                Optional.ofNullable(socket));
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
