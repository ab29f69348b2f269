package org.vigil.console.devices;

import java.util.Optional;
import java.util.Set;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.DevicePlace;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Transactions;

/**
 * Moves a device from one school to another (ADR 0198), for someone who works for both: the captures it recorded
 * stay with the school that recorded them (ADR 0175), the captures it sends from now on belong to the new school,
 * and it leaves its group, so it runs the new school's lists, pushed to it at once if it is connected. The move and
 * its audit entry (listed under both schools) are one transaction.
 */
public final class SchoolMoves {
    private final DeviceRepository devices;
    private final Schools schools;
    private final GroupMembership membership;
    private final AuditLog audit;
    private final Transactions transactions;

    public SchoolMoves(DeviceRepository devices, Schools schools, GroupMembership membership, AuditLog audit,
                       Transactions transactions) {
        this.devices = devices;
        this.schools = schools;
        this.membership = membership;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** A move that happened: from where, to where, and the group the device left. */
    public record Moved(String deviceId, School from, School to, Optional<String> groupLeft) {
    }

    /**
     * @throws InvalidRequest if there is no such device or school, the device is in that school already, or the
     *                        scope does not hold both schools; nothing changes
     */
    public Moved move(String actor, SchoolScope scope, String deviceId, String schoolCode) {
        School to = schools.byCode(schoolCode == null ? "" : schoolCode);
        return transactions.inTransaction(() -> {
            DevicePlace before = devices.moveToSchool(deviceId, to.id())
                    .orElseThrow(() -> new InvalidRequest("There is no device " + deviceId + "."));
            School from = schools.list().stream().filter(s -> s.id() == before.schoolId()).findFirst()
                    .orElseThrow(() -> new InvalidRequest("Device " + deviceId + " has no school."));
            if (from.id() == to.id()) {
                throw new InvalidRequest("Device " + deviceId + " is in " + to.code() + " already.");
            }
            if (!scope.includes(from.id()) || !scope.includes(to.id())) {
                throw new InvalidRequest("Moving a device between schools needs someone who works for both "
                        + from.code() + " and " + to.code() + ".");
            }
            audit.record(actor, "device.school", "device:" + deviceId, from.code() + " -> " + to.code()
                    + before.group().map(group -> "; left group " + group).orElse("")
                    + "; its captures so far stay with " + from.code(), Set.of(from.id(), to.id()));
            membership.pushAfterCommit();
            return new Moved(deviceId, from, to, before.group());
        });
    }
}
