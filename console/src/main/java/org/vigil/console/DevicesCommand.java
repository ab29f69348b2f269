package org.vigil.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.store.AuditLog;
import org.vigil.console.wordlists.GroupMembership;
import org.vigil.console.wordlists.Policies;
import org.vigil.console.wordlists.PolicyStore;
import org.vigil.wordlists.WordlistBundle;

/**
 * {@code devices list [--silent-after-minutes N] | revoke ID | move ID --group GROUP|none} with
 * {@code [--data DIR]}: IT's view of enrolled devices (health and spool state, never capture content). A device not heard from for longer than
 * {@code --silent-after-minutes} (default 60) is flagged SILENT. A revocation reaches a running console's live
 * stream within seconds, and so does a move to another group (the device is sent its group's lists). Returns the
 * text for stdout.
 */
final class DevicesCommand {
    static final int DEFAULT_SILENT_MINUTES = 60;

    private DevicesCommand() {
    }

    static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("devices", args, Set.of("list", "revoke", "move"),
                Set.of("--data", "--silent-after-minutes", "--group"));
        Database database = ConsoleHome.open(arguments.dataDir()).database();
        DeviceRepository devices = new DeviceRepository(database, clock);
        Policies policies = new Policies(new PolicyStore(database, clock), new AuditLog(database, clock));
        policies.seedIfEmpty(WordlistBundle.defaults());
        if (arguments.action().equals("list")) {
            int minutes = CommandLineOptions.intValue(arguments.options(), "--silent-after-minutes",
                    DEFAULT_SILENT_MINUTES);
            if (minutes < 1) {
                throw new IllegalArgumentException("--silent-after-minutes must be at least 1, got " + minutes);
            }
            return list(devices.list(), clock.instant().minus(Duration.ofMinutes(minutes)), policies);
        }
        if (arguments.action().equals("move")) {
            return move(arguments, devices, policies, database, clock);
        }
        String id = arguments.requireTarget("device id (see devices list)");
        if (!devices.revoke(id)) {
            throw new IllegalArgumentException("no device " + id + " that is not already revoked");
        }
        return "revoked device " + id + ": refused from now on; its captures stay\n";
    }

    static String state(DeviceSummary device, Instant silentBefore) {
        if (device.revokedAt().isPresent()) {
            return "REVOKED";
        }
        return device.lastSeenAt().filter(seen -> !seen.isBefore(silentBefore)).isPresent() ? "ok" : "SILENT";
    }

    private static String move(AdminArguments arguments, DeviceRepository devices, Policies policies,
                               Database database, Clock clock) {
        String id = arguments.requireTarget("device id (see devices list)");
        String group = Optional.ofNullable(arguments.options().get("--group"))
                .orElseThrow(() -> new IllegalArgumentException("move needs --group GROUP (or --group none)"));
        Optional<String> target = group.equals("none") ? Optional.empty() : Optional.of(group);
        // A running console notices the move within seconds and sends the device its group's lists.
        GroupMembership membership = new GroupMembership(devices, policies, new AuditLog(database, clock), () -> { });
        if (!membership.move(id, target, AdminArguments.operator())) {
            throw new IllegalArgumentException("no device " + id);
        }
        return "moved device " + id + " to " + target.orElse("no group") + "\n";
    }

    /** The first 12 hex digits of the version the device runs, and BEHIND when it is not the one it should run. */
    static String policy(DeviceSummary device, Optional<String> current) {
        if (device.policyVersion().isEmpty()) {
            return "unknown";
        }
        String version = device.policyVersion().get();
        String shortVersion = version.substring(0, Math.min(12, version.length()));
        return device.policyVersion().equals(current) ? shortVersion : shortVersion + " BEHIND";
    }

    private static String list(List<DeviceSummary> devices, Instant silentBefore, Policies policies) {
        StringBuilder out = new StringBuilder("id\tstate\thostname\tuser\tos\tagent\tgroup\tpolicy\tlast seen\tspool depth"
                + "\tscreenshots dropped\tevents dropped\tevents rejected\tcaptures\n");
        for (DeviceSummary d : devices) {
            out.append(d.id()).append('\t').append(state(d, silentBefore)).append('\t').append(d.hostname())
                    .append('\t').append(d.osUser()).append('\t').append(d.os()).append('\t').append(d.agentVersion())
                    .append('\t').append(d.group().orElse("-")).append('\t')
                    .append(policy(d, Optional.of(policies.effective(d.group()).version()))).append('\t')
                    .append(d.lastSeenAt().map(Instant::toString).orElse("never")).append('\t')
                    .append(d.spoolDepth().map(String::valueOf).orElse("-")).append('\t')
                    .append(d.screenshotsDropped()).append('\t').append(d.eventsDropped()).append('\t')
                    .append(d.eventsRejected()).append('\t').append(d.captures()).append('\n');
        }
        return out.toString();
    }
}
