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
import org.vigil.console.wordlists.PolicyChange;
import org.vigil.console.wordlists.PolicyStore;

/**
 * {@code devices list [--silent-after-minutes N] | revoke ID} with {@code [--data DIR]}: IT's view of enrolled
 * devices (health and spool state, never capture content). A device not heard from for longer than
 * {@code --silent-after-minutes} (default 60) is flagged SILENT. A revocation reaches a running console's live
 * stream within seconds. Returns the text for stdout.
 */
final class DevicesCommand {
    static final int DEFAULT_SILENT_MINUTES = 60;

    private DevicesCommand() {
    }

    static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("devices", args, Set.of("list", "revoke"),
                Set.of("--data", "--silent-after-minutes"));
        Database database = ConsoleHome.open(arguments.dataDir()).database();
        DeviceRepository devices = new DeviceRepository(database, clock);
        if (arguments.action().equals("list")) {
            int minutes = CommandLineOptions.intValue(arguments.options(), "--silent-after-minutes",
                    DEFAULT_SILENT_MINUTES);
            if (minutes < 1) {
                throw new IllegalArgumentException("--silent-after-minutes must be at least 1, got " + minutes);
            }
            Optional<String> policy = new PolicyStore(database, clock).current().map(PolicyChange::version);
            return list(devices.list(), clock.instant().minus(Duration.ofMinutes(minutes)), policy);
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

    /** The first 12 hex digits of the version the device runs, and BEHIND when it is not the one in force. */
    static String policy(DeviceSummary device, Optional<String> current) {
        if (device.policyVersion().isEmpty()) {
            return "unknown";
        }
        String version = device.policyVersion().get();
        String shortVersion = version.substring(0, Math.min(12, version.length()));
        return device.policyVersion().equals(current) ? shortVersion : shortVersion + " BEHIND";
    }

    private static String list(List<DeviceSummary> devices, Instant silentBefore, Optional<String> currentPolicy) {
        StringBuilder out = new StringBuilder("id\tstate\thostname\tuser\tos\tagent\tpolicy\tlast seen\tspool depth"
                + "\tscreenshots dropped\tevents dropped\tevents rejected\tcaptures\n");
        for (DeviceSummary d : devices) {
            out.append(d.id()).append('\t').append(state(d, silentBefore)).append('\t').append(d.hostname())
                    .append('\t').append(d.osUser()).append('\t').append(d.os()).append('\t').append(d.agentVersion())
                    .append('\t').append(policy(d, currentPolicy)).append('\t')
                    .append(d.lastSeenAt().map(Instant::toString).orElse("never")).append('\t')
                    .append(d.spoolDepth().map(String::valueOf).orElse("-")).append('\t')
                    .append(d.screenshotsDropped()).append('\t').append(d.eventsDropped()).append('\t')
                    .append(d.eventsRejected()).append('\t').append(d.captures()).append('\n');
        }
        return out.toString();
    }
}
