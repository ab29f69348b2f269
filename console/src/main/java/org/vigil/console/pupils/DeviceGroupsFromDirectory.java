package org.vigil.console.pupils;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.store.SignedInPupils;
import org.vigil.console.store.SignedInPupils.DeviceOfPupil;

/**
 * Puts the devices pupils use into the device group their directory group or OU maps to (ADR 0156): each device
 * whose signed-in pupil is in a mapped group goes into that group, through {@link GroupMembership} (checked against
 * the policy in force, audited as {@code device.move} with the directory group that moved it, the new lists pushed
 * after the commit). Devices of pupils in no mapped group, of staff, and of logins that are no pupil's are left
 * where IT put them.
 */
public final class DeviceGroupsFromDirectory {
    private final SignedInPupils signedIn;
    private final GroupMembership membership;
    private final Supplier<SortedSet<String>> groupsInForce;

    public DeviceGroupsFromDirectory(SignedInPupils signedIn, GroupMembership membership,
                                     Supplier<SortedSet<String>> groupsInForce) {
        this.signedIn = signedIn;
        this.membership = membership;
        this.groupsInForce = groupsInForce;
    }

    /**
     * Refuses settings that map to a device group the policy in force does not have, naming each such line.
     *
     * @throws IllegalArgumentException naming the settings file's lines and the groups there are
     */
    public void check(LdapSyncSettings settings, String file) {
        SortedSet<String> groups = groupsInForce.get();
        List<String> unknown = settings.deviceGroups().keySet().stream().filter(g -> !groups.contains(g))
                .map(g -> "group." + g).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join(", ", unknown) + (unknown.size() == 1
                    ? " names a device group" : " name device groups") + " the policy in force does not have (it has: "
                    + (groups.isEmpty() ? "no groups" : String.join(", ", groups)) + "); add it on the Groups page or"
                    + " correct the line. Nothing was synced.");
        }
    }

    /**
     * Moves each of the school's devices whose signed-in pupil the school's listing puts in a device group into it,
     * in the caller's transaction; returns how many moved.
     */
    public int apply(String actor, long schoolId, Map<String, DeviceGroupOf> deviceGroupOfLogin) {
        int moved = 0;
        for (DeviceOfPupil device : signedIn.devices(schoolId)) {
            DeviceGroupOf target = deviceGroupOfLogin.get(device.pupilLogin());
            if (target != null && !device.group().equals(Optional.of(target.group()))) {
                membership.move(device.deviceId(), Optional.of(target.group()), actor,
                        "directory sync: the signed-in pupil is in " + target.via());
                moved++;
            }
        }
        return moved;
    }
}
