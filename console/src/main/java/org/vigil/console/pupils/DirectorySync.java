package org.vigil.console.pupils;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the LDAP / Active Directory sync: read every pupil account, then apply it as a full import from
 * source {@code LDAP} in one transaction (ADR 0151). A directory that cannot be reached, refuses the bind, or holds
 * an entry that cannot be read changes nothing.
 */
public final class DirectorySync {
    private final PupilDirectory directory;
    private final Path dataDir;
    private final Map<String, String> env;

    public DirectorySync(PupilDirectory directory, Path dataDir, Map<String, String> env) {
        this.directory = directory;
        this.dataDir = dataDir;
        this.env = env;
    }

    /** Whether the school has set the sync up ({@link LdapSyncSettings#FILE_NAME} in the data directory). */
    public Optional<LdapSyncSettings> settings() {
        return LdapSyncSettings.fileIn(dataDir).map(file -> LdapSyncSettings.read(file, env));
    }

    /**
     * @throws IllegalArgumentException if there is no settings file or it is wrong
     * @throws LdapPupilSource.DirectoryUnavailable if the directory cannot be read
     * @throws ImportRefused naming every entry that cannot be read
     */
    public ImportCounts run(String actor) {
        LdapSyncSettings settings = settings().orElseThrow(() -> new IllegalArgumentException("no "
                + LdapSyncSettings.FILE_NAME + " in " + dataDir + ": write one to sync pupils from the directory"
                + " (see ADR 0151 and console/README.md)"));
        return directory.importFull(actor, PupilDirectory.LDAP, new LdapPupilSource(settings).read());
    }
}
