package org.vigil.agent.service;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Monitoring;

/**
 * The session helpers connected to this device service, and the ones that went away without signing off (tamper),
 * as the device reports them to the console: monitoring if a helper hears typing; each helper that stopped without
 * a goodbye named in words among the dead workers (so the console shows the device as not monitoring, with why)
 * until a helper of the same user connects again. Thread-safe.
 */
public final class SessionHelpers implements SessionMonitoring {
    private final Map<Long, Helper> connected = new HashMap<>();
    private final Map<String, String> tampered = new TreeMap<>();

    private record Helper(String user, Monitoring monitoring, boolean signedOff) {
    }

    /** A helper of this OS user connected: a tamper reported for that user is over. */
    public synchronized void connected(long connection, String user) {
        connected.put(connection, new Helper(user, Monitoring.getDefaultInstance(), false));
        tampered.remove(user);
    }

    public synchronized void reported(long connection, Monitoring monitoring) {
        connected.computeIfPresent(connection, (id, helper) -> new Helper(helper.user(), monitoring,
                helper.signedOff()));
    }

    public synchronized void signedOff(long connection) {
        connected.computeIfPresent(connection, (id, helper) -> new Helper(helper.user(), helper.monitoring(), true));
    }

    /**
     * The connection is gone.
     *
     * @return the tamper reason, if the helper did not sign off first
     */
    public synchronized Optional<String> disconnected(long connection, Instant at) {
        Helper helper = connected.remove(connection);
        if (helper == null || helper.signedOff()) {
            return Optional.empty();
        }
        String reason = tamperReason(helper.user(), at);
        tampered.put(helper.user(), reason);
        return Optional.of(reason);
    }

    static String tamperReason(String user, Instant at) {
        return WireNames.HELPER_TAMPER_PREFIX + user + WireNames.HELPER_TAMPER_MIDDLE
                + at.truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public synchronized Monitoring now() {
        Monitoring.Builder monitoring = Monitoring.newBuilder().setHookRegistered(
                connected.values().stream().anyMatch(helper -> helper.monitoring().getHookRegistered()));
        connected.values().stream().map(Helper::monitoring).filter(Monitoring::hasLastSignalAt)
                .map(Monitoring::getLastSignalAt)
                .max(Comparator.comparingLong(Timestamp::getSeconds).thenComparingInt(Timestamp::getNanos))
                .ifPresent(monitoring::setLastSignalAt);
        Stream.concat(connected.values().stream().flatMap(helper -> helper.monitoring().getDeadWorkersList().stream()),
                tampered.values().stream()).distinct().sorted().forEach(monitoring::addDeadWorkers);
        return monitoring.build();
    }
}
