package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.export.SubjectAccessSchool;
import org.vigil.console.request.InvalidRequest;
import org.vigil.testing.SettableClock;

/**
 * A subject access request per school (issue 17, ADR 0206), on SQLite and PostgreSQL: the same login {@code jsmith}
 * is a pupil at main and another at oak; each school's export gathers only its own captures, their alerts and audit
 * entries, the notices shown on its devices and the logins linked to its pupil, and a request must name the school
 * when the login is at more than one of the requester's.
 */
class SubjectAccessPerSchoolTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @OnBothStores
    void eachSchoolsExportHoldsOnlyThatSchoolsRecords(StoreUnderTest store) {
        SettableClock clock = new SettableClock(START);
        try (Database database = store.open()) {
            SchoolRepository schools = new SchoolRepository(database, clock);
            School main = schools.findById(School.FIRST).orElseThrow();
            School oak = schools.create("oak", "Oak Academy").orElseThrow();
            PupilRepository pupils = new PupilRepository(database, clock);
            long mainPupil = pupils.insert(main.id(), pupil("Jack"), "CSV", "import");
            long oakPupil = pupils.insert(oak.id(), pupil("Jane"), "CSV", "import");
            pupils.linkByDsl(oak.id(), "oak\\jsmith", oakPupil, "oak-dsl");
            pupils.linkByDsl(main.id(), "jack.smith", mainPupil, "main-dsl");
            device(database, clock, "dev-main", main);
            device(database, clock, "dev-oak", oak);
            CaptureRepository captures = new CaptureRepository(database,
                    new FileScreenshotStore(store.dir().resolve("screenshots")), clock, NewCaptureHook.NONE);
            long mainCapture = capture(database, captures, "dev-main", "m1", "jsmith");
            long mainLinked = capture(database, captures, "dev-main", "m2", "Jack.Smith");
            long oakCapture = capture(database, captures, "dev-oak", "o1", "JSmith");
            long oakLinked = capture(database, captures, "dev-oak", "o2", "OAK\\jsmith");
            alert(database, mainCapture, "main-dsl@school.example");
            alert(database, oakCapture, "oak-dsl@school.example");
            AuditLog audit = new AuditLog(database, clock);
            audit.record("main-dsl", "capture.view", "capture:" + mainCapture);
            audit.record("oak-dsl", "capture.view", "capture:" + oakCapture);
            audit.record("oak-dsl", "pupil.link", "pupil:oak\\jsmith");
            NoticeShownRepository notices = new NoticeShownRepository(database, clock);
            notices.record("dev-main", START, "jsmith", "jsmith");
            notices.record("dev-oak", START.plusSeconds(60), "jsmith", "jsmith");
            SubjectAccessRepository sar = new SubjectAccessRepository(database);
            SubjectAccessSchool pick = new SubjectAccessSchool(schools);
            SchoolScope trust = new SchoolScope(Set.of(main.id(), oak.id()), false);
            SchoolScope atMain = pick.of("jsmith", Optional.of(main.id()), trust).orElseThrow();
            SchoolScope atOak = pick.of("jsmith", Optional.empty(), new SchoolScope(Set.of(oak.id()), false))
                    .orElseThrow();

            assertEquals(List.of(mainCapture, mainLinked), sar.captureIds("jsmith", atMain));
            assertEquals(List.of(oakCapture, oakLinked), sar.captureIds("jsmith", atOak));
            assertEquals(List.of("main-dsl@school.example"),
                    sar.alerts("jsmith", atMain).stream().map(CaptureAlertRecord::recipient).toList());
            assertEquals(List.of("oak-dsl@school.example"),
                    sar.alerts("jsmith", atOak).stream().map(CaptureAlertRecord::recipient).toList());
            assertEquals(List.of("capture:" + mainCapture), targets(sar.auditEntries("jsmith", atMain)));
            assertEquals(List.of("capture:" + oakCapture, "pupil:oak\\jsmith"),
                    targets(sar.auditEntries("jsmith", atOak)));
            assertEquals(List.of("dev-main"), sar.noticesShown("jsmith", atMain).stream()
                    .map(SubjectAccessRepository.NoticeShownToPupil::deviceId).toList());
            assertEquals(List.of("dev-oak"), sar.noticesShown("jsmith", atOak).stream()
                    .map(SubjectAccessRepository.NoticeShownToPupil::deviceId).toList());
            assertEquals(List.of("jack.smith", "jsmith"), sar.linkedLogins("jsmith", atMain));
            assertEquals(List.of("jsmith", "oak\\jsmith"), sar.linkedLogins("jsmith", atOak));
            assertEquals(List.of(oakCapture, oakLinked), sar.captureIds("oak\\jsmith", atOak),
                    "a linked login finds the same pupil");
            assertEquals(List.of(), sar.captureIds("oak\\jsmith", atMain));

            InvalidRequest unnamed = assertThrows(InvalidRequest.class, () -> pick.of("jsmith", Optional.empty(),
                    trust));
            assertTrue(unnamed.getMessage().contains("more than one school (main, oak)"), unnamed.getMessage());
            assertEquals(Optional.empty(), pick.of("jsmith", Optional.empty(), new SchoolScope(Set.of(), false)),
                    "a requester of neither school is refused by the caller");
        }
    }

    @OnBothStores
    void aOneSchoolConsoleExportsAsItAlwaysDid(StoreUnderTest store) {
        SettableClock clock = new SettableClock(START);
        try (Database database = store.open()) {
            SchoolRepository schools = new SchoolRepository(database, clock);
            SubjectAccessSchool pick = new SubjectAccessSchool(schools);
            assertEquals(Optional.of(SchoolScope.ONE_SCHOOL_CONSOLE), pick.of("nobody", Optional.empty(),
                    SchoolScope.ONE_SCHOOL_CONSOLE));
            assertEquals(Optional.of(SchoolScope.ONE_SCHOOL_CONSOLE), pick.of("nobody", Optional.of(School.FIRST),
                    SchoolScope.ONE_SCHOOL_CONSOLE));
        }
    }

    private static DirectoryPupil pupil(String givenName) {
        return new DirectoryPupil("jsmith", givenName, "Smith", "9", "9S", PupilFlags.none());
    }

    private static List<String> targets(List<AuditLog.AuditEntry> entries) {
        return entries.stream().map(AuditLog.AuditEntry::target).toList();
    }

    private static void device(Database database, SettableClock clock, String id, School school) {
        long token = new EnrolmentTokenRepository(database, clock)
                .mintWithId(Duration.ofDays(1), id, Optional.empty(), school.id()).id();
        new DeviceRepository(database, clock).insert(new NewDevice(id, "x", "laptop", "Linux", "1", "pupil", token));
    }

    private static long capture(Database database, CaptureRepository captures, String device, String eventId,
                                String osUser) {
        captures.storeIfAbsent(new NewCapture(eventId, device, 1, START.toEpochMilli(), osUser, "w", "app", "drugs",
                3, "r", "m", "c m", 2, 3, "x", Optional.empty()));
        return SqlReads.longs(database, "SELECT id FROM captures WHERE event_id = '" + eventId + "'").get(0);
    }

    private static void alert(Database database, long captureId, String recipient) {
        database.inTransaction(connection -> {
            try (var statement = connection.prepareStatement("INSERT INTO alert_outbox (alert_id, kind, dedupe_key,"
                    + " capture_id, channel, recipient, created_at, next_attempt_at) VALUES (?, 'CAPTURE', ?, ?,"
                    + " 'EMAIL', ?, 0, 0)")) {
                statement.setString(1, "a-" + captureId);
                statement.setString(2, "capture:" + captureId);
                statement.setLong(3, captureId);
                statement.setString(4, recipient);
                return statement.executeUpdate();
            }
        });
    }
}
