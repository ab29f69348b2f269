package org.vigil.console.cli;

import org.vigil.console.ConsoleConfig;
import org.vigil.console.ConsoleServices;
import org.vigil.console.PortsFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.School;
import org.vigil.console.tls.MachineName;

/**
 * {@code agent-config}: mints an enrolment token and writes the agent config file IT hands to MDM. Works whether
 * or not the console is running, on a data directory {@code serve} has made a console in.
 */
public final class AgentConfigCommand {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    /**
     * Options: the data dir, the address agents dial (host:port), how long the token is valid, the group the
     * devices it enrols join (one config per year group, for MDM), the console's database ({@code --db}), and the
     * school the devices belong to (its code; the first school if none: ADR 0177, 0198).
     */
    public record Options(Path dataDir, Optional<String> address, int expiresDays, Optional<String> group,
                          DatabaseChoice database, Optional<String> school) {

        /** On the SQLite database in the data directory, for the first school. */
        public Options(Path dataDir, Optional<String> address, int expiresDays, Optional<String> group) {
            this(dataDir, address, expiresDays, group, DatabaseChoice.SQLITE, Optional.empty());
        }

        public static Options fromArgs(List<String> args) {
            return fromArgs(args, System.getenv());
        }

        /** From the arguments, with {@code VIGIL_DB_*} from {@code env} when {@code --db} is not given. */
        public static Options fromArgs(List<String> args, Map<String, String> env) {
            Set<String> known = new HashSet<>(Set.of("--data", "--address", "--expires-days", "--group",
                    "--school"));
            known.addAll(DatabaseChoice.OPTIONS);
            Map<String, String> options = CommandLineOptions.parse(args, known);
            int days = CommandLineOptions.intValue(options, "--expires-days", 30);
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("--expires-days must be 1..3650, got " + days);
            }
            Optional<String> address = Optional.ofNullable(options.get("--address"));
            if (address.isPresent() && !address.get().matches("\\[?[A-Za-z0-9.:-]+]?:[0-9]{1,5}")) {
                throw new IllegalArgumentException("--address must be HOST:PORT, got " + address.get());
            }
            Path dataDir = Optional.ofNullable(options.get("--data")).map(Path::of).orElse(ConsoleConfig.DEFAULT_DATA_DIR);
            return new Options(dataDir, address, days, Optional.ofNullable(options.get("--group")),
                    DatabaseChoice.from(options, env), Optional.ofNullable(options.get("--school")));
        }
    }

    private AgentConfigCommand() {
    }

    /** Returns the config file's text. */
    public static String run(Options options) {
        try (ConsoleServices console = ConsoleServices.open(options.dataDir(), options.database(),
                Clock.systemUTC())) {
            return run(options, console);
        }
    }

    private static String run(Options options, ConsoleServices console) {
        String address = options.address().orElseGet(() -> MachineName.get() + ":"
                + PortsFile.grpcPort(options.dataDir()).orElse(ConsoleConfig.DEFAULT_GRPC_PORT));
        Optional<School> school = options.school().map(code -> console.schools().byCode(code));
        long schoolId = school.map(School::id).orElse(School.FIRST);
        options.group().ifPresent(group -> PolicyGroups.requireExisting(console.schoolPolicies(), schoolId, group));
        String token = console.enrolmentTokens().create(AdminArguments.cliActor(), "agent-config",
                options.expiresDays(), options.group(), schoolId).token();
        return "# Vigil agent configuration, made by the console on " + DATE.format(ZonedDateTime.now()) + "\n"
                + "# Give this file to the agent with --config. It enrols the device once, then the token is no"
                + " longer needed on it.\n"
                + "console.address=" + address + "\n"
                + "enrolment.token=" + token + "\n"
                + "console.ca.sha256=" + console.home().tls().caFingerprint() + "\n"
                + options.group().map(group -> "# Devices enrolled with this file join group " + group + ".\n")
                        .orElse("")
                + school.map(s -> "# Devices enrolled with this file belong to school " + s.code() + " (" + s.name()
                        + ").\n").orElse("");
    }
}
