package org.vigil.console.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a device's agent is monitoring, as it last said in a Hello or heartbeat.
 *
 * @param hookRegistered whether its keyboard hook is registered
 * @param lastSignalAt   when it last handled a key or mouse signal; empty if never since the agent started
 * @param deadWorkers    the names of its workers that are not alive (the agent's names, e.g. {@code vigil-typing})
 */
public record DeviceMonitoring(boolean hookRegistered, Optional<Instant> lastSignalAt, List<String> deadWorkers) {
    public DeviceMonitoring {
        deadWorkers = List.copyOf(deadWorkers);
    }
}
