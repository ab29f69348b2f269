package org.vigil.console.schools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.audit.AuditChainCheck;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.DevicePlace;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.IncidentRef;
import org.vigil.console.store.IncidentRepository;
import org.vigil.console.store.IncidentSummary;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnderTest;

/**
 * A school's incidents, audit entries and devices in the store (ADR 0197, 0198) on SQLite and PostgreSQL: an
 * incident is in a scope when all its captures' schools are; each audit entry is listed under the schools it is
 * about, outside the hash chain, which still checks; a device moved to another school keeps its captures where they
 * were recorded and sends new ones to the new school.
 */
class SchoolRecordsInTheStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @OnBothStores
    void anIncidentIsInAScopeWhenEveryOneOfItsCapturesSchoolsIs(StoreUnderTest store) {
        try (Database database = store.open()) {
            TwoSchoolsInTheStore two = TwoSchoolsInTheStore.seed(database, store);
            IncidentRepository incidents = new IncidentRepository(database, CLOCK);
            long mainOnly = incidents.create("main only", "dsl");
            incidents.addCapture(mainOnly, two.captureA(), "dsl");
            long across = incidents.create("across the trust", "trust-dsl");
            incidents.addCapture(across, two.captureA2(), "trust-dsl");
            incidents.addCapture(across, two.captureB(), "trust-dsl");

            SchoolScope main = new SchoolScope(Set.of(School.FIRST), false);
            SchoolScope oak = new SchoolScope(Set.of(two.oak().id()), false);
            SchoolScope trust = new SchoolScope(Set.of(School.FIRST, two.oak().id()), true);
            assertTrue(incidents.find(mainOnly, main).isPresent());
            assertTrue(incidents.find(mainOnly, oak).isEmpty(), "another school's incident is not found");
            assertTrue(incidents.find(across, main).isEmpty(), "part of it is another school's");
            assertTrue(incidents.find(across, oak).isEmpty());
            assertTrue(incidents.find(across, trust).isPresent());
            assertEquals(List.of(mainOnly), incidents.list(10, main).stream().map(IncidentSummary::id).toList());
            assertEquals(List.of(), incidents.list(10, oak).stream().map(IncidentSummary::id).toList());
            assertEquals(List.of(across, mainOnly), incidents.list(10, trust).stream().map(IncidentSummary::id)
                    .toList());
            assertEquals(List.of(mainOnly), incidents.open(10, main).stream().map(IncidentRef::id).toList());
            assertEquals(List.of(), incidents.list(10, new SchoolScope(Set.of(), false)), "a user of no school");
            assertEquals(Set.of(School.FIRST, two.oak().id()), incidents.schoolsOf(across));
            assertEquals(Set.of(), incidents.schoolsOf(987654));
        }
    }

    @OnBothStores
    void eachAuditEntryIsListedUnderTheSchoolsItIsAboutAndTheChainStillChecks(StoreUnderTest store) {
        try (Database database = store.open()) {
            TwoSchoolsInTheStore two = TwoSchoolsInTheStore.seed(database, store);
            AuditLog audit = new AuditLog(database, CLOCK);
            IncidentRepository incidents = new IncidentRepository(database, CLOCK);
            long across = incidents.create("across the trust", "trust-dsl");
            incidents.addCapture(across, two.captureA(), "trust-dsl");
            incidents.addCapture(across, two.captureB(), "trust-dsl");
            audit.record("dsl", "capture.view", "capture:" + two.captureA());
            audit.record("dsl", "capture.view", "capture:" + two.captureB());
            audit.record("it", "device.revoke", "device:dev-b", "lost");
            audit.record("trust-dsl", "incident.view", "incident:" + across);
            audit.record("dsl", "captures.bulk", "captures:" + two.captureA() + "," + two.captureB());
            audit.record("admin", "settings.change", "setting:retention.days", "365");

            SchoolScope main = new SchoolScope(Set.of(School.FIRST), false);
            SchoolScope oak = new SchoolScope(Set.of(two.oak().id()), false);
            assertEquals(List.of("captures:", "incident:", "capture:" + two.captureA()),
                    targets(audit.page(10, Long.MAX_VALUE, main)), "newest first, main's entries only");
            assertEquals(List.of("captures:", "incident:", "device:dev-b", "capture:" + two.captureB(),
                    "token:", "school:" + two.oak().id()), targets(audit.page(10, Long.MAX_VALUE, oak)));
            assertEquals(2, audit.page(2, Long.MAX_VALUE, oak).size(), "a page is a page");
            long newestOfOak = audit.page(1, Long.MAX_VALUE, oak).get(0).id();
            assertEquals(5, audit.page(10, newestOfOak, oak).size(), "and the next page follows it");
            int everything = audit.page(100, Long.MAX_VALUE).size();
            assertEquals(everything, audit.page(100, Long.MAX_VALUE, SchoolScope.ONE_SCHOOL_CONSOLE).size(),
                    "a user of every school reads every entry, the console's own among them");
            List<String> csv = new java.util.ArrayList<>();
            audit.forEach(oak, entry -> csv.add(entry.target()));
            assertEquals(6, csv.size(), "the export of oak's entries: " + csv);

            assertTrue(new AuditChainCheck(audit).run().intact(), "the chain is as it was");
            RetentionRepository retention = new RetentionRepository(database, CLOCK);
            long through = audit.page(1, Long.MAX_VALUE).get(0).id() - 1;
            retention.removeAuditThrough(through);
            assertEquals(0, count(database, "SELECT count(*) FROM audit_log_schools WHERE audit_id <= " + through),
                    "removed with their entries by the audit log's retention");
            assertTrue(new AuditChainCheck(audit).run().intact());
        }
    }

    @OnBothStores
    void aDeviceMovedToAnotherSchoolKeepsItsCapturesWhereTheyWereRecorded(StoreUnderTest store) {
        try (Database database = store.open()) {
            TwoSchoolsInTheStore two = TwoSchoolsInTheStore.seed(database, store);
            DeviceRepository devices = new DeviceRepository(database, CLOCK);
            devices.moveToGroup("dev-a", Optional.of("year-9"));
            assertEquals(Optional.of(new DevicePlace(School.FIRST, Optional.of("year-9"))),
                    devices.moveToSchool("dev-a", two.oak().id()));
            assertEquals(Optional.empty(), devices.groupOf("dev-a"), "out of its group: the new school's lists");
            long after = two.send("e-after", "dev-a", "pupil-a");
            SchoolRepository schools = new SchoolRepository(database, CLOCK);
            assertEquals(Optional.of(School.FIRST), schools.schoolOfCapture(two.captureA()), "recorded in main");
            assertEquals(Optional.of(two.oak().id()), schools.schoolOfCapture(after), "sent after the move");
            assertEquals(Optional.of(two.oak().id()), schools.schoolOfDevice("dev-a"));
            assertEquals(Optional.empty(), devices.moveToSchool("no-such-device", School.FIRST));
        }
    }

    @OnBothStores
    void entriesWrittenBeforeTheUpgradeAreListedUnderTheirSchools(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("40")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO schools (id, code, name, created_at) VALUES (2, 'oak', 'Oak', 0)");
                statement.executeUpdate("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user,"
                        + " enrolled_at, school_id) VALUES ('d-oak', 'x', 'h', 'linux', '1', 'u', 0, 2)");
                statement.executeUpdate("INSERT INTO audit_log (occurred_at, actor, action, target) VALUES"
                        + " (0, 'it', 'device.revoke', 'device:d-oak'), (0, 'it', 'school.create', 'school:oak'),"
                        + " (0, 'admin', 'settings.change', 'setting:x')");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            assertEquals(List.of("school:oak", "device:d-oak"), targets(new AuditLog(database, CLOCK)
                    .page(10, Long.MAX_VALUE, new SchoolScope(Set.of(2L), false))));
            assertEquals(0, count(database, "SELECT count(*) FROM audit_log_schools WHERE school_id = 1"),
                    "the console's own entry names no school");
        }
    }

    /** Targets as the assertions name them: a whole target, or its kind for targets whose ids vary. */
    private static List<String> targets(List<AuditLog.AuditEntry> entries) {
        return entries.stream().map(AuditLog.AuditEntry::target).map(target -> target.startsWith("captures:")
                || target.startsWith("incident:") || target.startsWith("token:")
                ? target.substring(0, target.indexOf(':') + 1) : target).toList();
    }

    static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * Two schools as the store holds them: {@code main} and {@code oak} (its creation audited, as the schools page
     * does), a device in each enrolled with its school's token, and captures from each.
     */
    private record TwoSchoolsInTheStore(School oak, long captureA, long captureA2, long captureB,
                                        CaptureRepository captures, Database database) {
        static TwoSchoolsInTheStore seed(Database database, StoreUnderTest store) {
            Schools schools = new Schools(new SchoolRepository(database, CLOCK), new AuditLog(database, CLOCK),
                    database);
            School oak = schools.create("admin", "oak", "Oak Academy");
            EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(database, CLOCK);
            long tokenA = tokens.mintWithId(Duration.ofDays(1), "a", Optional.empty(), School.FIRST).id();
            long tokenB = tokens.mintWithId(Duration.ofDays(1), "b", Optional.empty(), oak.id()).id();
            new AuditLog(database, CLOCK).record("it", "token.create", "token:" + tokenB, "for oak");
            DeviceRepository devices = new DeviceRepository(database, CLOCK);
            devices.insert(new NewDevice("dev-a", "x", "laptop-a", "Linux", "1", "pupil-a", tokenA));
            devices.insert(new NewDevice("dev-b", "x", "laptop-b", "Linux", "1", "pupil-b", tokenB));
            CaptureRepository captures = new CaptureRepository(database,
                    new FileScreenshotStore(store.dir().resolve("screenshots")), CLOCK, NewCaptureHook.NONE);
            TwoSchoolsInTheStore two = new TwoSchoolsInTheStore(oak, 0, 0, 0, captures, database);
            return new TwoSchoolsInTheStore(oak, two.send("e-a", "dev-a", "pupil-a"),
                    two.send("e-a2", "dev-a", "pupil-a"), two.send("e-b", "dev-b", "pupil-b"), captures, database);
        }

        long send(String eventId, String device, String user) {
            captures.storeIfAbsent(new NewCapture(eventId, device, 1, CLOCK.millis(), user, "w", "app", "drugs", 3,
                    "r", "m", "c m", 2, 3, "x", Optional.empty()));
            return count(database, "SELECT id FROM captures WHERE event_id = '" + eventId + "'");
        }
    }
}
