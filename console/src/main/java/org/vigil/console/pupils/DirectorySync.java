package org.vigil.console.pupils;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.Transactions;

/**
 * One run of the LDAP / Active Directory sync: read every pupil account, then apply it as a full import from
 * source {@code LDAP} into the school the settings name (ADR 0205) and move the devices of pupils in a mapped group or OU into their device group, in one
 * transaction (ADR 0151, 0156). A directory that cannot be reached, refuses the bind, or holds an entry that cannot
 * be read, or settings that name a device group the policy does not have, change nothing.
 */
public final class DirectorySync {
    private final PupilDirectory directory;
    private final DeviceGroupsFromDirectory deviceGroups;
    private final SchoolRepository schools;
    private final Transactions transactions;
    private final Path dataDir;
    private final Map<String, String> env;

    public DirectorySync(PupilDirectory directory, DeviceGroupsFromDirectory deviceGroups, SchoolRepository schools,
                         Transactions transactions, Path dataDir, Map<String, String> env) {
        this.directory = directory;
        this.schools = schools;
        this.deviceGroups = deviceGroups;
        this.transactions = transactions;
        this.dataDir = dataDir;
        this.env = env;
    }

    /** Whether the school has set the sync up ({@link LdapSyncSettings#FILE_NAME} in the data directory). */
    public Optional<LdapSyncSettings> settings() {
        return LdapSyncSettings.fileIn(dataDir).map(file -> LdapSyncSettings.read(file, env));
    }

    /**
     * @throws IllegalArgumentException if there is no settings file or it is wrong, or it maps to a device group
     *                                  the policy in force does not have
     * @throws LdapPupilSource.DirectoryUnavailable if the directory cannot be read
     * @throws ImportRefused naming every entry that cannot be read
     */
    public SyncOutcome run(String actor) {
        LdapSyncSettings settings = settings().orElseThrow(() -> new IllegalArgumentException("no "
                + LdapSyncSettings.FILE_NAME + " in " + dataDir + ": write one to sync pupils from the directory"
                + " (see ADR 0151 and console/README.md)"));
        String file = dataDir.resolve(LdapSyncSettings.FILE_NAME).toString();
        School school = settings.school().map(code -> schools.findByCode(code).orElseThrow(() ->
                new IllegalArgumentException(file + ": school=" + code + " is no school's code (see the Schools"
                        + " page); nothing was synced"))).orElseGet(() -> schools.findById(School.FIRST).orElseThrow());
        deviceGroups.check(settings, file);
        DirectoryListing listing = new LdapPupilSource(settings).read();
        return transactions.inTransaction(() -> {
            ImportCounts pupils = directory.importFull(actor, school.id(), PupilDirectory.LDAP, listing.pupils());
            // a group removed since the check: GroupMembership refuses the move and the whole run rolls back
            int moved = deviceGroups.apply(actor, school.id(), listing.deviceGroupOfLogin());
            return new SyncOutcome(school, pupils, settings.deviceGroups().isEmpty() ? Optional.empty()
                    : Optional.of(moved));
        });
    }

    /**
     * What a run changed in the school (its name is in the settings' description): the pupils, and how many devices moved group (empty when no group is
     * mapped).
     */
    public record SyncOutcome(School school, ImportCounts pupils, Optional<Integer> devicesMoved) {
        @Override
        public String toString() {
            return pupils + devicesMoved.map(n -> "; " + n + (n == 1 ? " device" : " devices")
                    + " moved into their pupil's device group").orElse("");
        }
    }
}
