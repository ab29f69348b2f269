package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.pupils.ImportRefused;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.MisFile;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.Pupil;
import org.vigil.testing.SettableClock;

/**
 * The MIS import over a real data directory (ADR 0151): flexible headers, every bad line named with nothing
 * changed, re-import updating, leavers marked and coming back, counts audited without names, DSL links.
 */
class PupilImportTest {
    private static final String SIMS = "Adno,Legal Surname,Legal Forename,Year,Reg Group,Network Login,SEN Status,"
            + "CP Plan,LAC\r\n"
            + "1001,Smith,Bella,9,9B,BSmith,K,,\r\n"
            + "1002,Jones,Aled,9,9C,ajones,N,yes,no\r\n"
            + "1003,O'Neill,Zoë,7,7A,zoneill,,,Y\r\n";

    @TempDir
    Path dataDir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-09-07T08:00:00Z"));

    @BeforeEach
    void console() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    private ImportCounts importCsv(String text) {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            return console.directory().importFull("dsl", PupilDirectory.CSV, MisCsv.read(text));
        }
    }

    private Pupil pupil(String login) {
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            return console.directory().byDirectoryLogin(login).orElseThrow();
        }
    }

    @Test
    void readsASimsExportWithItsOwnColumnNamesAndFlags() {
        assertEquals(new ImportCounts(3, 0, 0, 0), importCsv(SIMS));
        Pupil bella = pupil("bsmith");
        assertEquals("bsmith", bella.login(), "lower-cased as SQLite's lower() does");
        assertEquals("Bella Smith", bella.fullName());
        assertEquals("Year 9, 9B", bella.yearAndForm());
        assertEquals(List.of("SEND"), bella.flags().labels());
        assertEquals(List.of("CP plan"), pupil("ajones").flags().labels());
        assertEquals("Zoë O'Neill", pupil("zoneill").fullName());
        assertEquals(List.of("LAC"), pupil("zoneill").flags().labels());
        assertEquals(3, Db.count(dataDir, "SELECT count(*) FROM pupil_logins WHERE source = 'DIRECTORY'"));
    }

    @Test
    void aMalformedFileIsRefusedWithEveryBadLineNamedAndNothingChanges() {
        importCsv(SIMS);
        String bad = "username,given name,family name,year group,form,looked after\n"
                + "bsmith,Bella,Smith,9,9B,no\n"
                + "ajones,,Jones,9,9C,no\n"
                + "bad login,Ann,Lee,8,8A,no\n"
                + "cwu,Chen,Wu,,8A,perhaps\n"
                + "bsmith,Bella,Smith,9,9B,no\n"
                + "short,row\n";
        ImportRefused refused = assertThrows(ImportRefused.class, () -> importCsv(bad));
        assertEquals(List.of(
                new ImportProblem(3, "given name", "empty; every pupil needs a given name"),
                new ImportProblem(4, "username", "a login has no spaces or control characters"),
                new ImportProblem(5, "year group", "empty; every pupil needs a year group"),
                new ImportProblem(5, "looked after", "\"perhaps\" is not yes or no"),
                new ImportProblem(6, "username", "the login bsmith is also on line 2"),
                new ImportProblem(7, "", "2 cells where the header has 6 (a missing or extra comma?)")),
                refused.problems());
        assertEquals(3, Db.count(dataDir, "SELECT count(*) FROM pupils WHERE left_at IS NULL"), "nothing changed");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'pupils.import'"));
    }

    @Test
    void aFileWithoutTheNeededColumnsOrNotInUtf8IsRefused() {
        ImportRefused noColumns = assertThrows(ImportRefused.class, () -> MisCsv.read("Adno,Forename,Surname\n1,A,B\n"));
        assertEquals(List.of("line 1, username: no username column in the header (found: Adno, Forename, Surname)",
                "line 1, year group: no year group column in the header (found: Adno, Forename, Surname)"),
                noColumns.problems().stream().map(ImportProblem::toString).toList());
        byte[] windows1252 = "username,forename,surname,year\nzoe,Zo\u00eb,Lee,7\nann,Ann,Lee,7\ncle,Cl\u00e9o,Lee,7\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ImportRefused notUtf8 = assertThrows(ImportRefused.class, () -> MisFile.decode(windows1252));
        assertEquals(List.of(2, 4), notUtf8.problems().stream().map(ImportProblem::line).toList());
        ImportRefused empty = assertThrows(ImportRefused.class, () -> MisCsv.read("\n\n"));
        assertTrue(empty.getMessage().contains("the file is empty"), empty.getMessage());
    }

    @Test
    void reImportUpdatesMarksLeaversAndBringsThemBackAndAuditsOnlyCounts() {
        importCsv(SIMS);
        clock.advance(java.time.Duration.ofDays(30));
        String moved = "Network Login,Forename,Surname,Year,Reg Group,SEN Status,CP Plan,LAC\n"
                + "bsmith,Bella,Smith,10,10B,K,no,no\n" // moved up a year: updated
                + "ajones,Aled,Jones,9,9C,N,yes,no\n"   // as before: unchanged
                + "newkid,Nia,Evans,9,9C,N,no,no\n";    // joined; zoneill is absent: left
        assertEquals(new ImportCounts(1, 1, 1, 1), importCsv(moved));
        assertEquals("Year 10, 10B", pupil("bsmith").yearAndForm());
        Pupil zoe = pupil("zoneill");
        assertEquals(clock.instant(), zoe.leftAt().orElseThrow(), "marked left, not deleted");
        assertEquals("Year 7, 7A, left", zoe.yearAndForm());
        assertEquals(4, Db.count(dataDir, "SELECT count(*) FROM pupils"));

        assertEquals(new ImportCounts(0, 1, 0, 3), importCsv(moved.replace("newkid", "zoneill").replace("Nia,Evans",
                "Zoë,O'Neill") + "newkid,Nia,Evans,9,9C,N,no,no\n"), "listed again, the leaver comes back");
        assertTrue(pupil("zoneill").leftAt().isEmpty());

        String details = Db.text(dataDir, "SELECT group_concat(detail, ' | ') FROM audit_log"
                + " WHERE action = 'pupils.import'");
        assertEquals("CSV full import: 3 added, 0 updated, 0 marked left, 0 unchanged | CSV full import: 1 added,"
                + " 1 updated, 1 marked left, 1 unchanged | CSV full import: 0 added, 1 updated, 0 marked left,"
                + " 3 unchanged", details);
        for (String name : List.of("Bella", "Smith", "bsmith", "Nia", "Evans")) {
            assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'pupils.import'"
                    + " AND detail LIKE ?", "%" + name + "%"), name + " in the audit detail");
        }
    }

    @Test
    void aDslLinksAStrayLoginToAPupilOnceAndIsAudited() {
        importCsv(SIMS);
        try (ConsoleServices console = ConsoleServices.open(dataDir, clock)) {
            PupilDirectory directory = console.directory();
            assertTrue(directory.forLogin("SCHOOL\\BSmith").isEmpty());
            Pupil linked = directory.link("dsl", "SCHOOL\\BSmith", "BSMITH");
            assertEquals("bsmith", linked.login());
            assertEquals("Bella Smith", directory.forLogin("school\\bsmith").orElseThrow().fullName());
            InvalidRequest twice = assertThrows(InvalidRequest.class,
                    () -> directory.link("dsl", "school\\bsmith", "ajones"));
            assertEquals("Nothing changed: the login school\\bsmith already belongs to a pupil.", twice.getMessage());
            InvalidRequest unknown = assertThrows(InvalidRequest.class, () -> directory.link("dsl", "x9", "nobody"));
            assertEquals("Nothing changed: no pupil in the directory has the username nobody.", unknown.getMessage());
            assertEquals(List.of("bsmith"), directory.search("BELL", 10).stream().map(Pupil::login).toList());
            assertEquals(List.of("zoneill"), directory.search("zoË o'n", 10).stream().map(Pupil::login).toList());
            assertEquals(List.of("ajones"), directory.search("jones, a", 10).stream().map(Pupil::login).toList());
        }
        assertEquals("DSL dsl", Db.text(dataDir, "SELECT source || ' ' || linked_by FROM pupil_logins"
                + " WHERE login = 'school\\bsmith'"));
        assertEquals("login school\\bsmith linked by hand", Db.text(dataDir, "SELECT detail FROM audit_log"
                + " WHERE action = 'pupil.link' AND target = 'pupil:bsmith'"));
    }
}
