package org.vigil.console.schools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.QueueFilter;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.store.UserRepository;

/**
 * Schools in the store (ADR 0175, 0176) on SQLite and PostgreSQL: devices take their token's school, captures
 * their device's, and every scoped read returns only the scope's schools' rows.
 */
class SchoolsInTheStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @OnBothStores
    void devicesTakeTheirTokensSchoolAndCapturesTheirDevicesAndScopedReadsSeeOnlyTheirSchools(StoreUnderTest store) {
        try (Database database = store.open()) {
            Schools schools = new Schools(new SchoolRepository(database, CLOCK), new AuditLog(database, CLOCK),
                    database);
            School first = schools.byCode("main");
            School other = schools.create("tester", "oak", "Oak Academy");
            EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(database, CLOCK);
            long tokenA = tokens.mintWithId(Duration.ofDays(1), "a", Optional.empty(), first.id()).id();
            long tokenB = tokens.mintWithId(Duration.ofDays(1), "b", Optional.empty(), other.id()).id();
            DeviceRepository devices = new DeviceRepository(database, CLOCK);
            devices.insert(new NewDevice("dev-a", "x", "laptop-a", "Linux", "1", "pupil-a", tokenA));
            devices.insert(new NewDevice("dev-b", "x", "laptop-b", "Linux", "1", "pupil-b", tokenB));
            CaptureRepository captures = new CaptureRepository(database,
                    new FileScreenshotStore(store.dir().resolve("screenshots")), CLOCK, NewCaptureHook.NONE);
            captures.storeIfAbsent(capture("e-a", "dev-a", "pupil-a"));
            captures.storeIfAbsent(capture("e-b", "dev-b", "pupil-b"));
            long captureA = id(database, "e-a");
            long captureB = id(database, "e-b");

            SchoolRepository repository = new SchoolRepository(database, CLOCK);
            assertEquals(Optional.of(other.id()), repository.schoolOfDevice("dev-b"));
            assertEquals(Optional.of(other.id()), repository.schoolOfCapture(captureB), "the device's school at ingest");
            assertEquals(Set.of(other.id()), repository.schoolsOfLogin("PUPIL-B"));

            SchoolScope onlyA = new SchoolScope(Set.of(first.id()), false);
            SchoolScope both = new SchoolScope(Set.of(first.id(), other.id()), true);
            assertTrue(captures.find(captureA, onlyA).isPresent());
            assertTrue(captures.find(captureB, onlyA).isEmpty(), "another school's capture is not found in scope");
            assertEquals(other.id(), captures.find(captureB, both).map(Capture::schoolId).orElseThrow());
            assertEquals(List.of(captureA), captures.after(0, 10, onlyA).stream().map(Capture::id).toList());

            TriageRepository triage = new TriageRepository(database, CLOCK);
            assertEquals(List.of(captureA), ids(triage.queue(QueueFilter.none(), Optional.empty(), 10, onlyA)));
            assertEquals(Set.of(captureA, captureB),
                    Set.copyOf(ids(triage.queue(QueueFilter.none(), Optional.empty(), 10, both))));
            assertEquals(List.of(), ids(triage.queue(QueueFilter.none(), Optional.empty(), 10,
                    new SchoolScope(Set.of(), false))), "a user of no school sees nothing");
            assertEquals(List.of(), ids(triage.deviceTimeline("dev-b", 10, onlyA)));
            assertEquals(List.of(), ids(triage.pupilTimeline("pupil-b", 10, onlyA)));
            assertEquals(List.of(captureA), ids(triage.itemsById(List.of(captureA, captureB), onlyA)));
            assertEquals(List.of("dev-a"), devices.list(onlyA).stream().map(d -> d.id()).toList());
            assertEquals(List.of(tokenA), tokens.list(onlyA).stream().map(t -> t.id()).toList());
        }
    }

    @OnBothStores
    void aUserWorksForTheirSchoolOrATrustLevelChoiceOfSchools(StoreUnderTest store) {
        try (Database database = store.open()) {
            SchoolRepository repository = new SchoolRepository(database, CLOCK);
            Schools schools = new Schools(repository, new AuditLog(database, CLOCK), database);
            UserRepository users = new UserRepository(database, CLOCK);
            users.createIfAbsent("before", "hash", "DSL", false, false, Optional.empty());
            long before = users.findByUsername("before").orElseThrow().id();
            assertEquals(Optional.of(new SchoolScope(Set.of(School.FIRST), true)), repository.scopeOf(before),
                    "on a one-school console a user works for every school");

            School oak = schools.create("tester", "oak", "Oak Academy");
            School elm = schools.create("tester", "elm", "Elm Primary");
            assertFalse(repository.scopeOf(before).orElseThrow().wholeConsole(), "once there are more schools");
            users.createIfAbsent("boss", "hash", "IT_ADMIN", true, false, Optional.empty());
            assertTrue(repository.scopeOf(users.findByUsername("boss").orElseThrow().id()).orElseThrow().wholeConsole(),
                    "an admin is the trust's: every school");
            users.createIfAbsent("oak-dsl", "hash", "DSL", false, false, Optional.empty());
            long oakDsl = users.findByUsername("oak-dsl").orElseThrow().id();
            schools.placeUser("tester", oakDsl, "oak-dsl", oak);
            assertEquals(Set.of(oak.id()), repository.scopeOf(oakDsl).orElseThrow().schoolIds());

            users.createIfAbsent("trust-dsl", "hash", "DSL", false, false, Optional.empty());
            long trust = users.findByUsername("trust-dsl").orElseThrow().id();
            schools.placeUserAtTrustLevel("tester", trust, "trust-dsl", List.of(oak, elm));
            SchoolScope trustScope = repository.scopeOf(trust).orElseThrow();
            assertEquals(Set.of(oak.id(), elm.id()), trustScope.schoolIds());
            assertFalse(trustScope.includes(School.FIRST));
            schools.placeUserAtTrustLevel("tester", trust, "trust-dsl",
                    List.of(schools.byCode("main"), oak, elm));
            assertTrue(repository.scopeOf(trust).orElseThrow().wholeConsole());

            assertThrows(InvalidRequest.class, () -> schools.create("tester", "oak", "Another Oak"), "codes are unique");
            assertThrows(InvalidRequest.class, () -> schools.create("tester", "Bad Code", "x"));
            assertThrows(InvalidRequest.class, () -> schools.create("tester", "ash", " "));
            assertThrows(InvalidRequest.class, () -> schools.byCode("nowhere"));
            assertEquals(List.of("main", "oak", "elm"), schools.list().stream().map(School::code).toList());
            assertEquals(2, count(database, "SELECT count(*) FROM audit_log WHERE action = 'school.create'"));
            assertEquals(3, count(database, "SELECT count(*) FROM audit_log WHERE action IN ('user.school',"
                    + " 'user.schools')"), "each placement is audited");
        }
    }

    @OnBothStores
    void anExistingConsoleBecomesItsFirstSchoolNamedFromItsSettings(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("33")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO school_settings (key, value, updated_at, updated_by)"
                        + " VALUES ('school.name', '  Hillside High  ', 0, 'it')");
                statement.executeUpdate("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user,"
                        + " enrolled_at) VALUES ('d', 'x', 'h', 'linux', '1', 'u', 0)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            SchoolRepository repository = new SchoolRepository(database, CLOCK);
            assertEquals(List.of(new School(1, "main", "Hillside High")), repository.list());
            assertEquals(Optional.of(School.FIRST), repository.schoolOfDevice("d"));
            School next = repository.create("oak", "Oak").orElseThrow();
            assertEquals(2, next.id(), "ids go on after the first school");
        }
    }

    private static NewCapture capture(String eventId, String device, String user) {
        return new NewCapture(eventId, device, 1, CLOCK.millis(), user, "w", "app", "drugs", 3, "r", "m", "c m",
                2, 3, "x", Optional.empty());
    }

    private static List<Long> ids(List<QueueItem> items) {
        return items.stream().map(QueueItem::id).toList();
    }

    private static long id(Database database, String eventId) {
        return count(database, "SELECT id FROM captures WHERE event_id = '" + eventId + "'");
    }

    private static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
