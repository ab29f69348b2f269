package org.vigil.console.schools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.PupilFlags;
import org.vigil.console.store.PupilRepository;
import org.vigil.console.store.QueueFilter;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.SignedInPupils;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.TriageRepository;

/**
 * The pupil directory per school (ADR 0205, V53) on SQLite and PostgreSQL: the same login in two schools is two
 * pupils, a capture joins only its own school's, an import into one school leaves the other alone, and a console's
 * pupils and links keep their school through the migration.
 */
class PupilsPerSchoolInTheStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @OnBothStores
    void theSameLoginInTwoSchoolsIsTwoPupilsAndEachCaptureJoinsItsOwnSchools(StoreUnderTest store) {
        try (Database database = store.open()) {
            School main = new SchoolRepository(database, CLOCK).findById(School.FIRST).orElseThrow();
            School oak = schools(database).create("tester", "oak", "Oak Academy");
            PupilDirectory directory = directory(database);
            directory.importFull("dsl-main", main.id(), PupilDirectory.CSV, List.of(pupil("jsmith", "Jack", "7")));
            directory.importFull("dsl-oak", oak.id(), PupilDirectory.CSV, List.of(pupil("JSmith", "Jane", "10"),
                    pupil("akhan", "Ali", "10")));

            Pupil jack = directory.byDirectoryLogin(main.id(), "jsmith").orElseThrow();
            Pupil jane = directory.byDirectoryLogin(oak.id(), "jsmith").orElseThrow();
            assertTrue(jack.id() != jane.id(), "two pupils with one login");
            assertEquals(main.id(), jack.schoolId());
            assertEquals(oak.id(), jane.schoolId());

            long tokenMain = token(database, main);
            long tokenOak = token(database, oak);
            DeviceRepository devices = new DeviceRepository(database, CLOCK);
            devices.insert(new NewDevice("dev-main", "x", "laptop-main", "Linux", "1", "jsmith", tokenMain));
            devices.insert(new NewDevice("dev-oak", "x", "laptop-oak", "Linux", "1", "JSMITH", tokenOak));
            CaptureRepository captures = new CaptureRepository(database,
                    new FileScreenshotStore(store.dir().resolve("screenshots")), CLOCK, NewCaptureHook.NONE);
            captures.storeIfAbsent(capture("e-main", "dev-main", "jsmith"));
            captures.storeIfAbsent(capture("e-oak", "dev-oak", "JSMITH"));
            long captureMain = number(database, "SELECT id FROM captures WHERE event_id = 'e-main'");
            long captureOak = number(database, "SELECT id FROM captures WHERE event_id = 'e-oak'");

            TriageRepository triage = new TriageRepository(database, CLOCK);
            SchoolScope both = new SchoolScope(Set.of(main.id(), oak.id()), true);
            for (QueueItem item : triage.queue(QueueFilter.none(), Optional.empty(), 10, both)) {
                String expected = item.id() == captureMain ? "Jack Smith" : "Jane Smith";
                assertEquals(expected, item.directoryPupil().orElseThrow().fullName(), "capture " + item.id());
            }
            assertEquals(jack.id(), number(database, "SELECT pupil_id FROM capture_pupils WHERE capture_id = "
                    + captureMain), "the view joins the capture's own school");
            assertEquals(jane.id(), number(database, "SELECT pupil_id FROM capture_pupils WHERE capture_id = "
                    + captureOak));
            assertEquals(2, number(database, "SELECT count(*) FROM capture_pupils"), "one pupil per capture");
            assertEquals(Optional.of(jane), directory.forLogin(oak.id(), "JSmith"));
            assertEquals(List.of(jack, jane), directory.forLogin(both, "jsmith"));

            assertEquals(List.of(captureOak), triage.pupilTimeline("jsmith", 10,
                    new SchoolScope(Set.of(oak.id()), false)).stream().map(QueueItem::id).toList());
            assertEquals(Set.of(captureMain, captureOak), Set.copyOf(triage.pupilTimeline("jsmith", 10, both)
                    .stream().map(QueueItem::id).toList()), "a whole-console scope names both");

            SignedInPupils signedIn = new SignedInPupils(database);
            assertEquals(List.of("dev-oak"), signedIn.devices(oak.id()).stream()
                    .map(SignedInPupils.DeviceOfPupil::deviceId).toList());

            assertEquals(List.of("akhan", "jsmith"), directory.search(new SchoolScope(Set.of(oak.id()), false), "", 10)
                    .stream().map(Pupil::login).sorted().toList(), "a search covers the scope's schools only");
        }
    }

    @OnBothStores
    void anImportOrALinkInOneSchoolLeavesTheOtherAlone(StoreUnderTest store) {
        try (Database database = store.open()) {
            School oak = schools(database).create("tester", "oak", "Oak Academy");
            PupilDirectory directory = directory(database);
            directory.importFull("dsl-main", School.FIRST, PupilDirectory.CSV, List.of(pupil("jsmith", "Jack", "7"),
                    pupil("bjones", "Bea", "8")));
            ImportCounts oakFirst = directory.importFull("dsl-oak", oak.id(), PupilDirectory.CSV,
                    List.of(pupil("jsmith", "Jane", "10")));
            assertEquals(new ImportCounts(1, 0, 0, 0), oakFirst, "Oak's jsmith is new to Oak");

            ImportCounts oakAgain = directory.importFull("dsl-oak", oak.id(), PupilDirectory.CSV,
                    List.of(pupil("cwu", "Chen", "10")));
            assertEquals(new ImportCounts(1, 0, 1, 0), oakAgain, "only Oak's pupils are compared and marked left");
            assertTrue(directory.byDirectoryLogin(oak.id(), "jsmith").orElseThrow().leftAt().isPresent());
            assertTrue(directory.byDirectoryLogin(School.FIRST, "jsmith").orElseThrow().leftAt().isEmpty(),
                    "the first school's jsmith has not left");
            assertTrue(directory.byDirectoryLogin(School.FIRST, "bjones").orElseThrow().leftAt().isEmpty());
            assertEquals(Set.of(oak.id()), Set.copyOf(schoolsOfAudit(database, "dsl-oak")),
                    "the import's audit row is Oak's");

            Pupil chen = directory.link("dsl-oak", oak.id(), "OAK\\bjones", "cwu");
            assertEquals("cwu", chen.login());
            assertEquals(Optional.of(chen), directory.forLogin(oak.id(), "oak\\BJONES"));
            assertTrue(directory.forLogin(School.FIRST, "oak\\bjones").isEmpty(), "a link is its school's only");
            InvalidRequest otherSchools = assertThrows(InvalidRequest.class,
                    () -> directory.link("dsl-oak", oak.id(), "x9", "bjones"));
            assertTrue(otherSchools.getMessage().contains("no pupil in the directory has the username bjones"),
                    otherSchools.getMessage());
            directory.link("dsl-main", School.FIRST, "OAK\\bjones", "bjones");
            assertEquals("bjones", directory.forLogin(School.FIRST, "oak\\bjones").orElseThrow().login(),
                    "the same login may be linked in each school");
        }
    }

    @OnBothStores
    void aConsolesPupilsAndLinksKeepTheirSchoolThroughTheMigration(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("49")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO schools (id, code, name, created_at) VALUES (2, 'oak', 'Oak', 0)");
                statement.executeUpdate("INSERT INTO pupils (id, login, given_name, family_name, year_group, source,"
                        + " updated_at, school_id) VALUES (7, 'jsmith', 'Jane', 'Smith', '10', 'CSV', 0, 2)");
                statement.executeUpdate("INSERT INTO pupil_logins (login, pupil_id, source, linked_by, linked_at)"
                        + " VALUES ('jsmith', 7, 'DIRECTORY', 'dsl', 0), ('oak\\jsmith', 7, 'DSL', 'dsl', 0)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            assertEquals(2, number(database, "SELECT count(*) FROM pupil_logins WHERE school_id = 2 AND pupil_id = 7"));
            PupilDirectory directory = directory(database);
            assertEquals(7, directory.forLogin(2, "OAK\\JSmith").orElseThrow().id());
            directory.importFull("dsl", School.FIRST, PupilDirectory.CSV, List.of(pupil("jsmith", "Jack", "7")));
            assertEquals(2, number(database, "SELECT count(*) FROM pupils WHERE login = 'jsmith'"),
                    "after the migration another school may have a jsmith too");
            assertEquals("Jane", directory.forLogin(2, "jsmith").orElseThrow().details().givenName());
        }
    }

    private static Schools schools(Database database) {
        return new Schools(new SchoolRepository(database, CLOCK), new AuditLog(database, CLOCK), database);
    }

    private static PupilDirectory directory(Database database) {
        return new PupilDirectory(new PupilRepository(database, CLOCK), new AuditLog(database, CLOCK), database);
    }

    private static DirectoryPupil pupil(String login, String given, String year) {
        return new DirectoryPupil(login.toLowerCase(java.util.Locale.ROOT), given, "Smith", year, "",
                PupilFlags.none());
    }

    private static long token(Database database, School school) {
        return new EnrolmentTokenRepository(database, CLOCK).mintWithId(Duration.ofDays(1), school.code(),
                Optional.empty(), school.id()).id();
    }

    private static NewCapture capture(String eventId, String device, String user) {
        return new NewCapture(eventId, device, 1, CLOCK.millis(), user, "w", "app", "drugs", 3, "r", "m", "c m",
                2, 3, "x", Optional.empty());
    }

    private static List<Long> schoolsOfAudit(Database database, String actor) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement("SELECT s.school_id FROM audit_log a"
                    + " JOIN audit_log_schools s ON s.audit_id = a.id WHERE a.actor = ? AND a.action = 'pupils.import'")) {
                statement.setString(1, actor);
                List<Long> out = new java.util.ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    private static long number(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
