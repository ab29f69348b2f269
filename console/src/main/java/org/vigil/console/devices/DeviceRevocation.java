package org.vigil.console.devices;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.DeviceCredentials;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.Transactions;

/**
 * Revokes a device for a stated reason: its credentials stop working, its open streams end, and the audit log
 * keeps who did it and why. A device already revoked is left alone and says so.
 */
public final class DeviceRevocation {
    public static final int MAX_REASON_LENGTH = 200;

    private final DeviceRepository devices;
    private final AuditLog audit;
    private final List<Consumer<String>> endStreams = new CopyOnWriteArrayList<>();
    private final Transactions transactions;

    public DeviceRevocation(DeviceRepository devices, AuditLog audit, Transactions transactions) {
        this.devices = devices;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Adds what ends a revoked device's open streams at once, after the revocation is committed (the console's live
     * streams; the command line has none and relies on the running console's periodic revocation check).
     */
    public void onRevoked(Consumer<String> endStreams) {
        this.endStreams.add(endStreams);
    }

    /**
     * @return true if the device is revoked now, false if it already was
     * @throws InvalidRequest if the reason is missing or too long, or there is no such device; nothing changes
     */
    public boolean revoke(String actor, String deviceId, String reason) {
        String why = checkedReason(reason);
        boolean revokedNow = transactions.inTransaction(() -> {
            Optional<DeviceCredentials> device = devices.findCredentials(deviceId);
            if (device.isEmpty()) {
                throw new InvalidRequest("There is no device " + deviceId + ".");
            }
            boolean revoked = !device.get().revoked() && devices.revoke(deviceId);
            if (revoked) {
                audit.record(actor, "device.revoke", "device:" + deviceId, why);
            }
            return revoked;
        });
        endStreams.forEach(end -> end.accept(deviceId));
        return revokedNow;
    }

    private static String checkedReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidRequest("Give a reason for revoking the device (it is kept in the audit log).");
        }
        if (why.length() > MAX_REASON_LENGTH) {
            throw new InvalidRequest("Keep the reason under " + MAX_REASON_LENGTH + " characters.");
        }
        if (why.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("The reason must be one line of text.");
        }
        return why;
    }
}
