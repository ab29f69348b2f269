package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.PupilsCommand;
import org.vigil.console.pupils.DirectorySync;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.pupils.ImportRefused;
import org.vigil.console.pupils.LdapSyncSettings;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.NewDevice;
import org.vigil.testing.SettableClock;

/**
 * A directory group (the pupil's {@code memberOf}) or an OU mapped to a device group in {@code pupil-sync.properties}
 * moves the devices the pupil is signed in on into it at each sync (ADR 0156), against a real LDAP server laid out as
 * Active Directory lays a school out: audited as a device move with the group that caused it, a pupil moving year
 * moves their device, devices of unmapped pupils and of staff stay where IT put them, and a mapping to a device group
 * the policy lacks, or a pupil in two mapped groups, is refused with nothing changed.
 */
class LdapDeviceGroupsTest {
    private static final String BASE = "DC=school,DC=example";
    private static final String PUPILS = "OU=Pupils," + BASE;
    private static final String KS2_OU = "OU=KS2," + PUPILS;
    private static final String KS3_GROUP = "CN=KS3 Pupils,OU=Groups," + BASE;
    private static final String KS4_GROUP = "CN=KS4 Pupils,OU=Groups," + BASE;
    private static final String PASSWORD = "directory reader passphrase";
    private static final String MAPPING = "group.ks3=" + KS3_GROUP + "\ngroup.ks2=" + KS2_OU + "\ngroup.ks4="
            + KS4_GROUP + "\n";

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-09-07T08:00:00Z"));
    private LdapTestServer ldap;
    private InMemoryDirectoryServer server;

    @BeforeEach
    void schoolWithDevices() throws Exception {
        ldap = LdapTestServer.start(BASE, files, false);
        server = ldap.server();
        server.add("dn: " + BASE, "objectClass: domain", "dc: school");
        server.add("dn: CN=vigil-reader," + BASE, "objectClass: user", "cn: vigil-reader", "userPassword: " + PASSWORD);
        server.add("dn: OU=Groups," + BASE, "objectClass: organizationalUnit", "ou: Groups");
        server.add("dn: " + KS3_GROUP, "objectClass: group", "cn: KS3 Pupils");
        server.add("dn: " + KS4_GROUP, "objectClass: group", "cn: KS4 Pupils");
        server.add("dn: " + PUPILS, "objectClass: organizationalUnit", "ou: Pupils");
        server.add("dn: " + KS2_OU, "objectClass: organizationalUnit", "ou: KS2");
        server.add("dn: OU=Year 6," + KS2_OU, "objectClass: organizationalUnit", "ou: Year 6");
        server.add("dn: OU=Year 7," + PUPILS, "objectClass: organizationalUnit", "ou: Year 7");
        server.add("dn: OU=Year 9," + PUPILS, "objectClass: organizationalUnit", "ou: Year 9");
        pupil("BSmith", "Bella", "Smith", "OU=Year 7," + PUPILS, KS3_GROUP);
        pupil("cjones", "Cara", "Jones", "OU=Year 6," + KS2_OU);
        pupil("dlee", "Dev", "Lee", "OU=Year 9," + PUPILS);

        Path password = Files.writeString(files.resolve("ldap-password"), PASSWORD + "\n");
        Files.writeString(dataDir.resolve(LdapSyncSettings.FILE_NAME), "url=" + ldap.ldapsUrl() + "\nca.file="
                + ldap.caFile() + "\nbind.dn=CN=vigil-reader," + BASE + "\nbind.password.file=" + password
                + "\nbase.dn=" + PUPILS + "\nfilter=(objectClass=user)\nyear.ou.prefix=Year \n" + MAPPING);

        try (ConsoleServices console = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock)) {
            for (String group : List.of("ks2", "ks3", "ks4", "staff")) {
                console.policies().editGroup(group, "# " + group + "\n", "it-alice", Optional.empty());
            }
            long token = console.enrolmentTokens().create("it-alice", "laptops", 30, Optional.empty()).id();
            for (String[] device : new String[][] {{"laptop-b", "BSmith"}, {"laptop-c", "cjones"},
                {"laptop-d", "dlee"}, {"desk-1", "mrsbrown"}}) {
                console.devices().insert(new NewDevice(device[0], "hash", device[0], "windows", "1", device[1],
                        token));
            }
            console.membership().move("laptop-d", Optional.of("staff"), "it-alice");
        }
    }

    @AfterEach
    void stop() {
        ldap.close();
    }

    private void pupil(String login, String given, String family, String ou, String... memberOf) throws Exception {
        List<String> lines = new ArrayList<>(List.of("dn: CN=" + given + " " + family + "," + ou,
                "objectClass: user", "cn: " + given + " " + family, "sAMAccountName: " + login, "givenName: " + given,
                "sn: " + family));
        for (String group : memberOf) {
            lines.add("memberOf: " + group);
        }
        server.add(lines.toArray(String[]::new));
    }

    private DirectorySync.SyncOutcome sync() {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            return console.directorySync(Map.of()).run("directory-sync");
        }
    }

    private Map<String, String> groups() {
        Map<String, String> out = new TreeMap<>();
        for (String device : List.of("laptop-b", "laptop-c", "laptop-d", "desk-1")) {
            String group = Db.text(dataDir, "SELECT policy_group FROM devices WHERE id = ?", device);
            out.put(device, group == null ? "(none)" : group);
        }
        return out;
    }

    private List<String> directoryMoves() {
        String all = Db.text(dataDir, "SELECT group_concat(line, '|') FROM (SELECT target || ': ' || detail AS line"
                + " FROM audit_log WHERE action = 'device.move' AND actor = 'directory-sync' ORDER BY id)");
        return all == null ? List.of() : List.of(all.split("\\|"));
    }

    @Test
    void aGroupAndAnOuPutTheDevicesTheirPupilsAreSignedInOnIntoTheirDeviceGroups() {
        DirectorySync.SyncOutcome outcome = sync();
        assertEquals(new ImportCounts(3, 0, 0, 0), outcome.pupils());
        assertEquals(Optional.of(2), outcome.devicesMoved());
        assertEquals(Map.of("laptop-b", "ks3", "laptop-c", "ks2", "laptop-d", "staff", "desk-1", "(none)"), groups(),
                "Bella by her group (login in another case), Cara by her OU; Dev is in no mapped group and stays where"
                        + " IT put him; a staff login is no pupil's");
        assertEquals(List.of(
                "device:laptop-b: (no group) -> ks3 (directory sync: the signed-in pupil is in " + KS3_GROUP + ")",
                "device:laptop-c: (no group) -> ks2 (directory sync: the signed-in pupil is in " + KS2_OU + ")"),
                directoryMoves());

        assertEquals(Optional.of(0), sync().devicesMoved(), "nothing changed in the directory");
        assertEquals(2, directoryMoves().size(), "and nothing more in the audit log");
    }

    @Test
    void aPupilMovingYearMovesTheirDevice() throws Exception {
        sync();
        // Cara goes up to Year 7: out of the KS2 OU, into Year 7 and the KS3 group
        server.modifyDN("CN=Cara Jones,OU=Year 6," + KS2_OU, "CN=Cara Jones", true, "OU=Year 7," + PUPILS);
        server.modify("CN=Cara Jones,OU=Year 7," + PUPILS, new Modification(ModificationType.ADD, "memberOf",
                KS3_GROUP));
        // and Bella into KS4
        server.modify("CN=Bella Smith,OU=Year 7," + PUPILS, new Modification(ModificationType.REPLACE, "memberOf",
                KS4_GROUP));

        DirectorySync.SyncOutcome outcome = sync();
        assertEquals(new ImportCounts(0, 1, 0, 2), outcome.pupils(), "Cara's year group changed");
        assertEquals(Optional.of(2), outcome.devicesMoved());
        assertEquals("ks3", groups().get("laptop-c"));
        assertEquals("ks4", groups().get("laptop-b"));
        assertEquals("7", Db.text(dataDir, "SELECT year_group FROM pupils WHERE login = 'cjones'"));
        assertEquals(List.of("device:laptop-b: ks3 -> ks4 (directory sync: the signed-in pupil is in " + KS4_GROUP
                + ")", "device:laptop-c: ks2 -> ks3 (directory sync: the signed-in pupil is in " + KS3_GROUP + ")"),
                directoryMoves().subList(2, 4));

        // the school signs Cara in on Dev's laptop: the next sync moves that laptop, since it is hers now
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            console.devices().recordReports(Map.of("laptop-d", new DeviceReport("1", "windows", "CJONES", 0, 0, 0,
                    "")));
        }
        assertEquals(Optional.of(1), sync().devicesMoved());
        assertEquals("ks3", groups().get("laptop-d"));
    }

    @Test
    void aMappingToADeviceGroupThePolicyLacksIsRefusedAndNothingChanges() throws Exception {
        Path file = dataDir.resolve(LdapSyncSettings.FILE_NAME);
        Files.writeString(file, Files.readString(file) + "group.ks9=CN=KS9 Pupils,OU=Groups," + BASE + "\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, this::sync);
        assertEquals(file + ": group.ks9 names a device group the policy in force does not have (it has: ks2, ks3,"
                + " ks4, staff); add it on the Groups page or correct the line. Nothing was synced.",
                refused.getMessage());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM pupils"));
        assertEquals(List.of(), directoryMoves());

        Files.writeString(file, Files.readString(file).replace("group.ks9=CN=KS9 Pupils,OU=Groups," + BASE,
                "group.ks9=Year 9 pupils"));
        IllegalArgumentException notADn = assertThrows(IllegalArgumentException.class, this::sync);
        assertEquals(file + ": group.ks9: \"Year 9 pupils\" is not a DN (e.g. CN=Year 7,OU=Groups,DC=school,DC=local"
                + " for a group, OU=KS3,OU=Pupils,DC=school,DC=local for an OU; several separated by |)",
                notADn.getMessage());
    }

    @Test
    void aPupilInTwoMappedGroupsIsNamedAndNothingChanges() throws Exception {
        server.modify("CN=Bella Smith,OU=Year 7," + PUPILS, new Modification(ModificationType.ADD, "memberOf",
                KS4_GROUP));
        ImportRefused refused = assertThrows(ImportRefused.class, this::sync);
        assertEquals(List.of("entry CN=Bella Smith,OU=Year 7," + PUPILS + ": in " + KS3_GROUP + " (group.ks3) and "
                + KS4_GROUP + " (group.ks4), which map to different device groups; a pupil's devices can be in one"
                + " only"), refused.problems().stream().map(ImportProblem::toString).toList());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM pupils"));
        assertEquals(Map.of("laptop-b", "(none)", "laptop-c", "(none)", "laptop-d", "staff", "desk-1", "(none)"),
                groups());
    }

    @Test
    void pupilsSyncSaysHowManyDevicesMoved() throws Exception {
        assertEquals("synced pupils from the directory: 3 added, 0 updated, 0 marked left, 0 unchanged; 2 devices"
                + " moved into their pupil's device group\n",
                PupilsCommand.run(List.of("sync", "--data", dataDir.toString()), clock));
    }
}
