package org.vigil.console.cli;

import org.vigil.console.ConsoleConfig;
import org.vigil.console.ConsoleServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.devices.DeviceHealth;
import org.vigil.console.devices.DeviceStatus;
import org.vigil.console.devices.SchoolMoves;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.store.SchoolScope;

/**
 * {@code devices list [--silent-after-minutes N] | revoke ID --reason TEXT | move ID --group GROUP|none |
 * move-school ID --to CODE} with {@code [--data DIR]}: IT's view of
 * enrolled devices (health and spool state, never capture content), judged as the web console's devices page
 * judges them. A device not heard from for longer than {@code --silent-after-minutes} (default: the console's
 * 72 hours) is flagged SILENT. A revocation is audit-logged with its reason and reaches a running console's live
 * stream within seconds; so does a move to another group, which sends the device its group's lists, and a move to
 * another school (ADR 0198), which takes it out of its group. Returns the text for stdout.
 */
public final class DevicesCommand {
    static final int DEFAULT_SILENT_MINUTES = (int) ConsoleConfig.DEFAULT_SILENT_AFTER.toMinutes();

    private DevicesCommand() {
    }

    public static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("devices", args, Set.of("list", "revoke", "move",
                "move-school"), Set.of("--data", "--silent-after-minutes", "--reason", "--group", "--to"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            return switch (arguments.action()) {
                case "list" -> list(arguments, console, clock);
                case "move" -> move(arguments, console.membership());
                case "move-school" -> moveSchool(arguments, console.schoolMoves());
                default -> revoke(arguments, console);
            };
        }
    }

    private static String list(AdminArguments arguments, ConsoleServices console, Clock clock) {
        int minutes = CommandLineOptions.intValue(arguments.options(), "--silent-after-minutes",
                DEFAULT_SILENT_MINUTES);
        if (minutes < 1) {
            throw new IllegalArgumentException("--silent-after-minutes must be at least 1, got " + minutes);
        }
        DeviceHealth health = new DeviceHealth(Duration.ofMinutes(minutes), console.policyInForce());
        return list(health.judge(console.devices().list(), clock.instant()));
    }

    /** No live streams in this process: the running console's revocation check ends the device's stream. */
    private static String revoke(AdminArguments arguments, ConsoleServices console) {
        String id = arguments.requireTarget("device id (see devices list)");
        String reason = Optional.ofNullable(arguments.options().get("--reason"))
                .orElseThrow(() -> new IllegalArgumentException("revoke needs --reason TEXT (kept in the audit log)"));
        if (!console.revocation().revoke(AdminArguments.cliActor(), id, reason)) {
            return "device " + id + " was already revoked: nothing changed\n";
        }
        return "revoked device " + id + ": refused from now on; its captures stay\n";
    }

    private static String state(DeviceStatus status) {
        return switch (status.state()) {
            case ACTIVE -> "ok";
            case NOT_MONITORING -> "NOT-MONITORING";
            case STOPPED -> "STOPPED";
            case SILENT -> "SILENT";
            case NEVER_CONNECTED -> "NEVER-SEEN";
            case REVOKED -> "REVOKED";
        };
    }

    /**
     * "yes", "unknown" (an agent too old to say), or why not: "keyboard hook not registered; last handled typing
     * 2026-11-30T09:12:00Z" (or "never since the agent started").
     */
    private static String monitoring(DeviceStatus status) {
        if (status.device().monitoring().isEmpty()) {
            return "unknown";
        }
        List<String> problems = status.monitoringProblems();
        if (problems.isEmpty()) {
            return "yes";
        }
        return String.join("; ", problems) + "; last handled typing "
                + status.lastHandledTyping().map(Instant::toString).orElse("never since the agent started");
    }

    /** A running console notices the move within seconds and sends the device its group's lists. */
    private static String move(AdminArguments arguments, GroupMembership membership) {
        String id = arguments.requireTarget("device id (see devices list)");
        String group = Optional.ofNullable(arguments.options().get("--group"))
                .orElseThrow(() -> new IllegalArgumentException("move needs --group GROUP (or --group none)"));
        Optional<String> target = group.equals("none") ? Optional.empty() : Optional.of(group);
        if (!membership.move(id, target, AdminArguments.cliActor())) {
            throw new IllegalArgumentException("no device " + id);
        }
        return "moved device " + id + " to " + target.orElse("no group") + "\n";
    }

    /** The command line works for every school; the captures already recorded stay where they are. */
    private static String moveSchool(AdminArguments arguments, SchoolMoves moves) {
        String id = arguments.requireTarget("device id (see devices list)");
        String code = Optional.ofNullable(arguments.options().get("--to"))
                .orElseThrow(() -> new IllegalArgumentException("move-school needs --to CODE (see schools list)"));
        SchoolMoves.Moved moved = moves.move(AdminArguments.cliActor(), SchoolScope.ONE_SCHOOL_CONSOLE, id, code);
        return "moved device " + id + " from school " + moved.from().code() + " to " + moved.to().code()
                + moved.groupLeft().map(group -> ", out of group " + group).orElse("")
                + "; its captures so far stay with " + moved.from().code() + "\n";
    }

    /** The first 12 hex digits of the version the device runs, and BEHIND when it is not the one expected. */
    private static String policy(DeviceStatus status) {
        return status.shortPolicy().map(version -> status.behind() ? version + " BEHIND" : version).orElse("unknown");
    }

    private static String list(List<DeviceStatus> statuses) {
        StringBuilder out = new StringBuilder("id\tstate\tmonitoring\thostname\tuser\tos\tagent\tgroup\tpolicy"
                + "\tlast seen"
                + "\tspool depth"
                + "\tscreenshots dropped\tevents dropped\tevents rejected\tcaptures\n");
        for (DeviceStatus status : statuses) {
            DeviceSummary d = status.device();
            out.append(d.id()).append('\t').append(state(status)).append('\t').append(monitoring(status))
                    .append('\t').append(d.hostname())
                    .append('\t').append(d.osUser()).append('\t').append(d.os()).append('\t').append(d.agentVersion())
                    .append('\t').append(d.group().orElse("-")).append('\t').append(policy(status)).append('\t')
                    .append(d.lastSeenAt().map(Instant::toString).orElse("never")).append('\t')
                    .append(d.spoolDepth().map(String::valueOf).orElse("-")).append('\t')
                    .append(d.screenshotsDropped()).append('\t').append(d.eventsDropped()).append('\t')
                    .append(d.eventsRejected()).append('\t').append(d.captures()).append('\n');
        }
        return out.toString();
    }
}
