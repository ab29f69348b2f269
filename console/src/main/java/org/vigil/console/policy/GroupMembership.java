package org.vigil.console.policy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.DevicePlacement;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.Transactions;

/**
 * Moves devices between groups: only into a group the device's school's lists have (the trust's groups and the
 * school's own: ADR 0193), audit-logged in the same transaction,
 * and followed once it is committed by a push of the device's new lists if it is connected.
 */
public final class GroupMembership {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

    private final DeviceRepository devices;
    private final SchoolPolicies policies;
    private final AuditLog audit;
    private final List<Runnable> pushChanges = new CopyOnWriteArrayList<>();
    private final Transactions transactions;

    public GroupMembership(DeviceRepository devices, SchoolPolicies policies, AuditLog audit,
                           Transactions transactions) {
        this.devices = devices;
        this.policies = policies;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Adds what sends connected devices what they should now run after a move (the console's policy push). */
    public void onMoved(Runnable pushChanges) {
        this.pushChanges.add(pushChanges);
    }

    /**
     * Puts a device in a group, or in none.
     *
     * @return false if there is no such device
     * @throws NoSuchGroup if the device's school's lists have no such group
     */
    public boolean move(String deviceId, Optional<String> group, String actor) {
        return move(deviceId, group, actor, "");
    }

    /**
     * As {@link #move(String, Optional, String)}, saying why in the audit entry (the directory sync says which
     * directory group moved the device: ADR 0156).
     */
    public boolean move(String deviceId, Optional<String> group, String actor, String because) {
        return transactions.inTransaction(() -> {
            if (group.isPresent()) {
                long school = devices.placementOf(deviceId).map(DevicePlacement::schoolId).orElse(School.FIRST);
                if (!policies.effective(school).policy().groups().contains(group.get())) {
                    throw new NoSuchGroup(group.get());
                }
            }
            Optional<Optional<String>> before = devices.moveToGroup(deviceId, group);
            if (before.isEmpty()) {
                return false;
            }
            if (!before.get().equals(group)) {
                audit.record(actor, "device.move", "device:" + deviceId,
                        name(before.get()) + " -> " + name(group) + (because.isEmpty() ? "" : " (" + because + ")"));
                LOG.info("{} moved device {} from {} to {}", actor, deviceId, name(before.get()), name(group));
                pushAfterCommit();
            }
            return true;
        });
    }

    /**
     * Once the caller's transaction commits, sends connected devices what they should now run: for a device whose
     * group changed some other way (moved to another school, out of its group: ADR 0198).
     */
    public void pushAfterCommit() {
        transactions.afterCommit(() -> pushChanges.forEach(Runnable::run));
    }

    private static String name(Optional<String> group) {
        return group.orElse("(no group)");
    }
}
