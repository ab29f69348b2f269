package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.PupilsCommand;
import org.vigil.console.pupils.DirectorySync;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.pupils.ImportRefused;
import org.vigil.console.pupils.LdapPupilSource;
import org.vigil.console.pupils.LdapSyncSettings;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.pupils.ScheduledDirectorySync;
import org.vigil.console.store.Pupil;
import org.vigil.runtime.Supervisor;
import org.vigil.testing.SettableClock;
import org.vigil.testing.WaitUntil;

/**
 * The directory sync against a real LDAP server (UnboundID's in-memory directory server, over LDAPS and StartTLS
 * with a certificate from a CA made for the test): add, change, leaver, a bad bind, an unreachable server and a
 * malformed entry, each failure with a clear error and nothing changed (ADR 0151).
 */
class LdapSyncTest {
    private static final String BASE = "dc=school,dc=example";
    private static final String PUPILS = "ou=Pupils," + BASE;
    private static final String PASSWORD = "directory reader passphrase";

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-09-07T08:00:00Z"));
    private LdapTestServer ldap;
    private InMemoryDirectoryServer server;
    private Path caFile;

    @BeforeEach
    void directory() throws Exception {
        ConsoleHome.openOrCreate(dataDir).close();
        ldap = LdapTestServer.start(BASE, files, true);
        server = ldap.server();
        caFile = ldap.caFile();
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: school");
        server.add("dn: cn=vigil-reader," + BASE, "objectClass: person", "cn: vigil-reader", "sn: reader",
                "userPassword: " + PASSWORD);
        server.add("dn: " + PUPILS, "objectClass: organizationalUnit", "ou: Pupils");
        server.add("dn: ou=Year 9," + PUPILS, "objectClass: organizationalUnit", "ou: Year 9");
        server.add("dn: ou=Year 10," + PUPILS, "objectClass: organizationalUnit", "ou: Year 10");
        pupil("BSmith", "Bella", "Smith", "9", "9B");
        pupil("ajones", "Aled", "Jones", "10", "10C");
        server.add("dn: cn=Staff Member," + BASE, "objectClass: inetOrgPerson", "cn: Staff Member", "sn: Member",
                "uid: staff1");
    }

    @AfterEach
    void stop() {
        ldap.close();
    }

    private void pupil(String uid, String given, String family, String year, String form) throws Exception {
        server.add("dn: uid=" + uid + ",ou=Year " + year + "," + PUPILS, "objectClass: inetOrgPerson",
                "uid: " + uid, "cn: " + given + " " + family, "givenName: " + given, "sn: " + family,
                "departmentNumber: " + form);
    }

    private Path settings(String url, String... more) throws Exception {
        StringBuilder text = new StringBuilder("url=" + url + "\nbind.dn=cn=vigil-reader," + BASE
                + "\nbind.password.env=VIGIL_TEST_LDAP_PASSWORD\nbase.dn=" + PUPILS + "\nfilter=(objectClass=inetOrgPerson)"
                + "\nattr.login=uid\nattr.form=departmentNumber\nyear.ou.prefix=Year \nca.file=" + caFile + "\n");
        for (String line : more) {
            text.append(line).append('\n');
        }
        return Files.writeString(dataDir.resolve(LdapSyncSettings.FILE_NAME), text.toString());
    }

    private String ldaps() {
        return "ldaps://localhost:" + server.getListenPort("ldaps");
    }

    private ImportCounts sync(Map<String, String> env) {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            return console.directorySync(env).run("directory-sync").pupils();
        }
    }

    private ImportCounts sync() {
        return sync(Map.of("VIGIL_TEST_LDAP_PASSWORD", PASSWORD));
    }

    private List<String> pupils() {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            return console.directory().search("", 100).stream()
                    .map(p -> p.login() + " " + p.fullName() + " " + p.yearAndForm() + " " + p.source()).toList();
        }
    }

    @Test
    void addsChangesAndMarksLeaversOverLdapsTakingYearFromTheOu() throws Exception {
        settings(ldaps());
        assertEquals(new ImportCounts(2, 0, 0, 0), sync());
        assertEquals(List.of("ajones Aled Jones Year 10, 10C LDAP", "bsmith Bella Smith Year 9, 9B LDAP"), pupils());

        server.modify("uid=BSmith,ou=Year 9," + PUPILS, new Modification(ModificationType.REPLACE,
                "departmentNumber", "9A"));
        server.delete("uid=ajones,ou=Year 10," + PUPILS);
        pupil("cwu", "Chen", "Wu", "10", "10A");
        clock.advance(Duration.ofHours(6));
        assertEquals(new ImportCounts(1, 1, 1, 0), sync());
        assertEquals(List.of("bsmith Bella Smith Year 9, 9A LDAP", "cwu Chen Wu Year 10, 10A LDAP",
                "ajones Aled Jones Year 10, 10C, left LDAP"), pupils());
        assertEquals(new ImportCounts(0, 0, 0, 2), sync(), "nothing changed in the directory, nothing changes here");
        assertEquals("LDAP full import: 1 added, 1 updated, 1 marked left, 0 unchanged", Db.text(dataDir,
                "SELECT detail FROM audit_log WHERE action = 'pupils.import' AND actor = 'directory-sync'"
                        + " ORDER BY id LIMIT 1 OFFSET 1"));
    }

    @Test
    void aSchoolsDirectorySyncsIntoThatSchoolOnlyAndAnUnknownSchoolIsRefused() throws Exception {
        long oak;
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            oak = console.schools().create("it", "oak", "Oak Academy").id();
            console.directory().importFull("dsl", PupilDirectory.CSV, MisCsv.read(
                    "username,given name,family name,year group\nbsmith,Ben,Smith,7\nmlee,May,Lee,8\n"));
        }
        settings(ldaps(), "school=nowhere");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, this::sync);
        assertTrue(unknown.getMessage().contains("school=nowhere is no school's code"), unknown.getMessage());

        settings(ldaps(), "school=oak");
        assertEquals(new ImportCounts(2, 0, 0, 0), sync(), "Oak's bsmith is new to Oak");
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            assertEquals("Bella Smith", console.directory().byDirectoryLogin(oak, "bsmith").orElseThrow().fullName());
            Pupil ben = console.directory().byDirectoryLogin("bsmith").orElseThrow();
            assertEquals("Ben Smith", ben.fullName(), "the first school's bsmith is another pupil");
            assertTrue(ben.leftAt().isEmpty() && console.directory().byDirectoryLogin("mlee").orElseThrow().leftAt()
                    .isEmpty(), "the first school's pupils, absent from Oak's directory, have not left");
        }
    }

    @Test
    void worksOverStartTlsAndKeepsTheFlagsTheMisGave() throws Exception {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            console.directory().importFull("dsl", PupilDirectory.CSV, MisCsv.read(
                    "username,given name,family name,year group,cp plan\nbsmith,Bella,Smith,8,yes\n"));
        }
        settings("ldap://localhost:" + server.getListenPort("starttls"), "starttls=true");
        assertEquals(new ImportCounts(1, 1, 0, 0), sync());
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            Pupil bella = console.directory().byDirectoryLogin("bsmith").orElseThrow();
            assertEquals("Year 9, 9B", bella.yearAndForm(), "the directory's year now");
            assertEquals(List.of("CP plan"), bella.flags().labels(), "the MIS's flag kept: a directory has none");
        }
    }

    @Test
    void aBadBindOrAnUnreachableServerIsAClearErrorAndChangesNothing() throws Exception {
        settings(ldaps());
        sync();
        server.delete("uid=ajones,ou=Year 10," + PUPILS);

        LdapPupilSource.DirectoryUnavailable badBind = assertThrows(LdapPupilSource.DirectoryUnavailable.class,
                () -> sync(Map.of("VIGIL_TEST_LDAP_PASSWORD", "wrong")));
        assertEquals("the directory at " + ldaps() + " refused the bind as cn=vigil-reader," + BASE
                + " (wrong DN or password)", badBind.getMessage());
        assertFalse(badBind.getMessage().contains("wrong\""), "the password is never in a message");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        settings("ldaps://localhost:" + closed);
        LdapPupilSource.DirectoryUnavailable unreachable = assertThrows(LdapPupilSource.DirectoryUnavailable.class,
                () -> sync());
        assertTrue(unreachable.getMessage().startsWith("cannot reach the directory at ldaps://localhost:" + closed),
                unreachable.getMessage());

        settings(ldaps(), "");
        Files.writeString(dataDir.resolve(LdapSyncSettings.FILE_NAME), Files.readString(dataDir.resolve(
                LdapSyncSettings.FILE_NAME)).replace("ca.file=" + caFile, ""));
        assertThrows(LdapPupilSource.DirectoryUnavailable.class, () -> sync(),
                "a certificate from a CA nobody said to trust is refused");

        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM pupils WHERE left_at IS NOT NULL"), "nothing changed");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'pupils.import'"));
    }

    @Test
    void aMalformedEntryIsNamedAndNothingChanges() throws Exception {
        settings(ldaps());
        sync();
        server.delete("uid=ajones,ou=Year 10," + PUPILS);
        server.add("dn: uid=nogiven,ou=Year 9," + PUPILS, "objectClass: inetOrgPerson", "uid: nogiven",
                "cn: No Given", "sn: Given");
        server.add("dn: uid=noyear," + PUPILS, "objectClass: inetOrgPerson", "uid: noyear", "cn: No Year",
                "sn: Year", "givenName: No");
        ImportRefused refused = assertThrows(ImportRefused.class, () -> sync());
        assertEquals(List.of("entry uid=nogiven,ou=Year 9," + PUPILS + ", givenName: missing; every pupil needs one",
                "entry uid=noyear," + PUPILS + ": no year group: it is in no OU named \"Year…\""),
                refused.problems().stream().map(ImportProblem::toString).sorted().toList());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM pupils WHERE left_at IS NOT NULL"),
                "ajones is not marked left by a refused sync");
    }

    @Test
    void settingsRefuseCleartextAndNeverShowThePassword() throws Exception {
        Path plain = settings("ldap://localhost:389");
        IllegalArgumentException cleartext = assertThrows(IllegalArgumentException.class,
                () -> LdapSyncSettings.read(plain, Map.of("VIGIL_TEST_LDAP_PASSWORD", PASSWORD)));
        assertTrue(cleartext.getMessage().endsWith("url must be ldaps://HOST[:636], or ldap://HOST[:389] with"
                + " starttls=true: the bind password and pupils' names never cross the network in clear"));
        Path file = settings(ldaps());
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> LdapSyncSettings.read(file, Map.of()));
        assertEquals(file + ": the environment variable VIGIL_TEST_LDAP_PASSWORD (bind.password.env) is not set",
                unset.getMessage());
        assertFalse(LdapSyncSettings.read(file, Map.of("VIGIL_TEST_LDAP_PASSWORD", PASSWORD)).toString()
                .contains(PASSWORD));
    }

    @Test
    void theSupervisedWorkerSyncsOnItsScheduleAndAWrongSettingsFileStopsTheConsoleStarting() throws Exception {
        settings(ldaps());
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock);
             Supervisor supervisor = new Supervisor((worker, cause) -> { }, clock)) {
            DirectorySync sync = console.directorySync(Map.of("VIGIL_TEST_LDAP_PASSWORD", PASSWORD));
            ScheduledDirectorySync.start(sync, sync.settings().orElseThrow(), supervisor, Duration.ZERO);
            WaitUntil.waitUntil(Duration.ofSeconds(20), "the first scheduled sync",
                    () -> Db.count(dataDir, "SELECT count(*) FROM pupils") == 2);
            assertTrue(supervisor.health().stream().anyMatch(h -> h.name().equals(ScheduledDirectorySync.WORKER)));
        }
        Files.writeString(dataDir.resolve(LdapSyncSettings.FILE_NAME), "url=ldaps://localhost\nbind.dn=x\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Console.start(
                AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), "console admin passphrase")));
        assertTrue(refused.getMessage().startsWith(dataDir.resolve(LdapSyncSettings.FILE_NAME) + ": "),
                refused.getMessage());
    }

    @Test
    void pupilsSyncRunsItFromTheCommandLineWithThePasswordFromAFile() throws Exception {
        Path password = Files.writeString(files.resolve("ldap-password"), PASSWORD + "\n");
        Files.writeString(settings(ldaps()), Files.readString(dataDir.resolve(LdapSyncSettings.FILE_NAME),
                StandardCharsets.UTF_8).replace("bind.password.env=VIGIL_TEST_LDAP_PASSWORD",
                "bind.password.file=" + password));
        assertEquals("synced pupils from the directory: 2 added, 0 updated, 0 marked left, 0 unchanged\n",
                PupilsCommand.run(List.of("sync", "--data", dataDir.toString()), clock));
    }
}
