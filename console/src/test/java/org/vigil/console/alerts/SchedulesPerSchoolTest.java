package org.vigil.console.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.ConsoleServices;
import org.vigil.console.alerts.digest.MorningDigest;
import org.vigil.console.alerts.escalation.Escalation;
import org.vigil.console.alerts.it.ItAlertCheck;
import org.vigil.console.alerts.it.ItAlertEmail;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.School;
import org.vigil.testing.SettableClock;

/**
 * The scheduled alerts per school (issue 17, ADR 0192) over a real console's SQLite file and a settable clock: two
 * schools, {@code main} (the trust's timings) and {@code oak} (digest at 09:30, escalation after 30 minutes), a DSL
 * and an IT admin of each, a trust-level DSL over both and a trust-level IT admin who chose oak only. Each school's
 * digest lists only its captures, at its own time, to its DSLs; escalation runs on each school's minutes to its DSLs;
 * and an IT email names only the devices of the schools its reader works for.
 */
class SchedulesPerSchoolTest {
    private static final URI CONSOLE = URI.create("https://vigil.trust.example/");
    /** Friday 27 November 2026, 10:00 GMT (London is on GMT in November). */
    private static final Instant FRIDAY_TEN = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant MONDAY_EIGHT = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;
    private AlertWorld world;
    private ConsoleServices services;
    private School oak;
    private String mainDevice;
    private String oakDevice;

    @BeforeEach
    void start() {
        world = new AlertWorld(dir, new SettableClock(FRIDAY_TEN));
        services = world.services();
        oak = services.schoolRepository().create("oak", "Oak Academy").orElseThrow();
        School main = services.schoolRepository().findById(School.FIRST).orElseThrow();
        assertTrue(services.settings().change("admin", oak, Setting.DIGEST_TIME, "09:30"));
        assertTrue(services.settings().change("admin", oak, Setting.ESCALATION_MINUTES, "30"));
        inSchool(world.dsl("main-dsl"), main);
        inSchool(world.dsl("oak-dsl"), oak);
        services.schoolRepository().placeAtTrustLevel(world.dsl("trust-dsl"), List.of(School.FIRST, oak.id()));
        inSchool(world.user("main-it", "IT_ADMIN", Optional.of("main-it@school.example")), main);
        inSchool(world.user("oak-it", "IT_ADMIN", Optional.of("oak-it@school.example")), oak);
        services.schoolRepository().placeAtTrustLevel(world.user("trust-it", "IT_ADMIN",
                Optional.of("trust-it@school.example")), List.of(oak.id()));
        mainDevice = world.device(School.FIRST, "main-pc");
        oakDevice = world.device(oak.id(), "oak-pc");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void eachSchoolsDigestListsOnlyItsCapturesAtItsOwnTimeToItsDslsAndATrustLevelDslGetsOnePerSchool() {
        long mainBullying = world.capture(mainDevice, 3, "bullying");
        long oakDrugs = world.capture(oakDevice, 2, "drugs");

        world.clock().set(MONDAY_EIGHT);
        assertEquals(2, digest().runOnce(), "main's digest at 08:00; oak's waits for 09:30");
        world.clock().set(MONDAY_EIGHT.plus(Duration.ofMinutes(89)));
        assertEquals(0, digest().runOnce(), "09:29: oak's is not due yet");
        world.clock().set(MONDAY_EIGHT.plus(Duration.ofMinutes(90)));
        assertEquals(2, digest().runOnce(), "oak's digest at 09:30");
        assertEquals(0, digest().runOnce(), "each school's once a day");

        String mainName = services.schoolRepository().findById(School.FIRST).orElseThrow().name();
        String subject = "Vigil: morning digest, 1 capture (Monday 30 November 2026), ";
        assertEquals(List.of(
                "EMAIL main-dsl@school.example 2026-11-30 " + subject + mainName,
                "EMAIL trust-dsl@school.example 2026-11-30 " + subject + mainName,
                "EMAIL oak-dsl@school.example 2026-11-30 school " + oak.id() + " " + subject + "Oak Academy",
                "EMAIL trust-dsl@school.example 2026-11-30 school " + oak.id() + " " + subject + "Oak Academy"),
                world.outbox("DIGEST"), "never the other school's DSL");
        String mainBody = world.body("DIGEST", "main-dsl@school.example");
        assertTrue(mainBody.contains("captures/" + mainBullying + "\n"), mainBody);
        assertFalse(mainBody.contains("captures/" + oakDrugs + "\n") || mainBody.contains("oak-pc"), mainBody);
        String oakBody = world.body("DIGEST", "oak-dsl@school.example");
        assertTrue(oakBody.contains("stored from Fri 27 Nov 09:30 to Mon 30 Nov 09:30 (Europe/London)"), oakBody);
        assertTrue(oakBody.contains("captures/" + oakDrugs + "\n"), oakBody);
        assertFalse(oakBody.contains("captures/" + mainBullying + "\n") || oakBody.contains("main-pc"), oakBody);
    }

    @Test
    void escalationRunsOnEachSchoolsMinutesToItsDslsOnly() {
        long atMain = world.capture(mainDevice, 5, "suicide");
        long atOak = world.capture(oakDevice, 5, "suicide");

        world.clock().advance(Duration.ofMinutes(15));
        assertEquals(2, escalation().runOnce(), "main's first round, to its DSL and the trust-level DSL");
        assertEquals(Set.of(atMain + ":1 main-dsl@school.example", atMain + ":1 trust-dsl@school.example"),
                escalations());

        world.clock().advance(Duration.ofMinutes(15));
        assertEquals(4, escalation().runOnce(), "main's second round and oak's first, after oak's 30 minutes");
        assertEquals(Set.of(atMain + ":1 main-dsl@school.example", atMain + ":1 trust-dsl@school.example",
                atMain + ":2 main-dsl@school.example", atMain + ":2 trust-dsl@school.example",
                atOak + ":1 oak-dsl@school.example", atOak + ":1 trust-dsl@school.example"), escalations());
    }

    @Test
    void anItEmailNamesOnlyTheDevicesOfTheSchoolsItsReaderWorksFor() {
        heartbeat(mainDevice);
        heartbeat(oakDevice);
        world.clock().advance(Duration.ofMinutes(16));

        assertEquals(2, itCheck().run(), "both devices silent");
        assertEquals(Set.of("main-it@school.example", "oak-it@school.example", "trust-it@school.example"),
                Set.copyOf(world.query("SELECT recipient FROM alert_outbox WHERE kind = 'IT'").stream()
                        .map(row -> row.get(0)).toList()), "one email each; never a DSL");
        String toMain = world.body("IT", "main-it@school.example");
        assertTrue(toMain.contains("main-pc") && !toMain.contains("oak-pc"), toMain);
        for (String oakIt : List.of("oak-it@school.example", "trust-it@school.example")) {
            String toOak = world.body("IT", oakIt);
            assertTrue(toOak.contains("oak-pc") && !toOak.contains("main-pc"), toOak);
        }
    }

    private void inSchool(long userId, School school) {
        services.schoolRepository().placeInSchool(userId, school.id());
    }

    private void heartbeat(String deviceId) {
        String expected = services.devices().list().stream().filter(d -> d.id().equals(deviceId)).findFirst()
                .flatMap(services.policyInForce()::versionFor).orElseThrow();
        assertTrue(services.devices().recordReport(deviceId, new DeviceReport("0.9", "Linux", "pupil07", 0, 0, 0,
                expected)));
    }

    /** The escalation rows as "capture:round recipient". */
    private Set<String> escalations() {
        return world.query("SELECT dedupe_key || ' ' || recipient FROM alert_outbox WHERE kind = 'ESCALATION'"
                + " AND channel = 'EMAIL'").stream().map(row -> row.get(0)).collect(Collectors.toSet());
    }

    private MorningDigest digest() {
        SchoolAlerts school = services.schoolAlerts();
        return new MorningDigest(school.books(), school.recipients(), school.digestCaptures(),
                services.alertRepository(), CONSOLE, world.clock());
    }

    private Escalation escalation() {
        SchoolAlerts school = services.schoolAlerts();
        return new Escalation(school.books(), school.recipients(), school.openings(), services.alertRepository(),
                false, world.clock());
    }

    private ItAlertCheck itCheck() {
        return new ItAlertCheck(services.devices(), services.policyInForce(), services.settings(),
                services.deviceProblems(), services.alertRepository(), services.transactions(),
                new ItAlertEmail(CONSOLE), world.clock());
    }
}
