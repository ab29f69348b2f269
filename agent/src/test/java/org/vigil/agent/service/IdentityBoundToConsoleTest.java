package org.vigil.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.enrolment.StoredIdentity;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.RecordingConsole;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;
import org.vigil.runtime.Supervisor;

/**
 * The device's identity is bound to its console: refused as unknown or revoked, it enrols again with the config's
 * token and delivers its spool as the new device; moved to a console with another CA, it does the same there and
 * sends nothing to the old one; without a usable token it says so once, keeps the spool and retries at back-off.
 * Real gRPC over TLS on loopback to stand-in consoles, real spool and credential files.
 */
class IdentityBoundToConsoleTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final Issued NEW_CA = TestCerts.ca("CN=Vigil console CA (new server)");
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", RecordingConsole.HOSTNAME);
    private static final String OLD_DEVICE = "device-0";
    private static final String CONFIG = "/etc/vigil/agent.properties";
    /** Short enough for a test, and still a back-off: a hot loop would make hundreds of attempts in the window. */
    private static final Duration WINDOW = Duration.ofMillis(1500);

    @TempDir
    Path dataDir;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC(),
            Duration.ofMillis(10));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> loggers = List.of(logger(DeviceService.class), logger(Enrolment.class),
            logger(Delivery.class));
    private final List<RecordingConsole> consoles = new ArrayList<>();
    private DeviceService device;

    @BeforeEach
    void captureLogs() {
        logged.start();
        loggers.forEach(l -> l.addAppender(logged));
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        supervisor.close();
        consoles.forEach(RecordingConsole::close);
        loggers.forEach(l -> l.detachAppender(logged));
    }

    @Test
    void refusedAsAnUnknownDeviceItEnrolsAgainWithTheConfigsTokenAndDeliversTheSpoolOnceAsTheNewDevice()
            throws Exception {
        RecordingConsole console = console(CA);
        storeIdentity(OLD_DEVICE, Optional.of(CA), console.address());
        spool(hit("a"), hit("b"), hit("c"));
        console.forget(OLD_DEVICE);

        device = open(console, CA, Optional.of(RecordingConsole.TOKEN));
        assertEquals(Optional.of(OLD_DEVICE), device.start(SessionMonitoring.NONE));

        waitUntil(Duration.ofSeconds(10), "the spool delivered as the new device",
                () -> console.eventIdsFrom("device-1").size() == 3 && spoolDepth() == 0);
        assertEquals(List.of("a", "b", "c"), console.eventIdsFrom("device-1"), "each capture once, oldest first");
        assertEquals(List.of(), console.eventIdsFrom(OLD_DEVICE));
        assertEquals(1, console.enrolments());
        assertEquals(List.of(OLD_DEVICE), hellosFrom(console, "device-1").stream()
                .map(Hello::getReplacesDeviceId).distinct().toList(), "the console is told it re-enrolled");

        StoredIdentity now = new CredentialStore(dataDir).load().orElseThrow();
        assertEquals("device-1", now.deviceId());
        assertEquals(Optional.of(OLD_DEVICE), now.replaces());
        assertEquals(Optional.of(CertificateFingerprint.of(CA.cert())), now.consoleCa());
        Properties replaced = onlyReplacedFile();
        assertEquals(OLD_DEVICE, replaced.getProperty("device.id"));
        assertFalse(replaced.containsKey("device.secret"), "the old secret is not kept");
        assertEquals(1, lines(Level.WARN, "refused device " + OLD_DEVICE).size(), "said once: " + logged.list);
        assertEquals(List.of(), lines(Level.ERROR, ""));
    }

    @Test
    void revokedWhileConnectedItEnrolsAgainAndWhatItCapturesNextArrivesAsTheNewDevice() throws Exception {
        RecordingConsole console = console(CA);
        device = open(console, CA, Optional.of(RecordingConsole.TOKEN));
        assertEquals(Optional.of("device-1"), device.start(SessionMonitoring.NONE));
        device.events().accept(hit("before"));
        waitUntil(Duration.ofSeconds(10), "the first capture acknowledged", () -> spoolDepth() == 0
                && console.eventIdsFrom("device-1").equals(List.of("before")));

        console.revoke("device-1");
        device.events().accept(hit("after"));

        waitUntil(Duration.ofSeconds(10), "the next capture delivered as the new device",
                () -> console.eventIdsFrom("device-2").contains("after") && spoolDepth() == 0);
        assertEquals(List.of("after"), console.eventIdsFrom("device-2"));
        assertEquals(List.of("device-1"), hellosFrom(console, "device-2").stream()
                .map(Hello::getReplacesDeviceId).distinct().toList());
        assertEquals(1, lines(Level.WARN, "refused device device-1 (" + RecordingConsole.REVOKED).size(),
                "logged: " + logged.list);
    }

    @Test
    void withoutATokenItSaysSoOnceKeepsTheSpoolAndRetriesAtBackOff() throws Exception {
        RecordingConsole console = console(CA);
        storeIdentity(OLD_DEVICE, Optional.of(CA), console.address());
        spool(hit("a"));
        console.forget(OLD_DEVICE);

        device = open(console, CA, Optional.empty());
        device.start(SessionMonitoring.NONE);
        Thread.sleep(WINDOW.toMillis());

        long attempts = console.deviceIds().stream().filter(OLD_DEVICE::equals).count();
        assertTrue(attempts >= 2 && attempts <= 20, "retried at back-off, not in a hot loop: " + attempts);
        List<String> errors = lines(Level.ERROR, "");
        assertEquals(1, errors.size(), "one clear message: " + errors);
        assertTrue(errors.get(0).contains("no enrolment.token in " + CONFIG), errors.get(0));
        assertEquals(1, spoolDepth(), "the capture stays in the spool");
        assertEquals(0, console.enrolments());
        assertEquals(List.of(), console.eventIdsFrom(OLD_DEVICE));
    }

    @Test
    void aTokenTheConsoleRefusesIsReportedOnceAndNotRetriedInAHotLoop() throws Exception {
        RecordingConsole console = console(CA);
        storeIdentity(OLD_DEVICE, Optional.of(CA), console.address());
        spool(hit("a"));
        console.forget(OLD_DEVICE);

        device = open(console, CA, Optional.of("already-used"));
        device.start(SessionMonitoring.NONE);
        Thread.sleep(WINDOW.toMillis());

        int attempts = console.enrolAttempts();
        assertTrue(attempts >= 2 && attempts <= 20, "retried at back-off, not in a hot loop: " + attempts);
        List<String> errors = lines(Level.ERROR, "");
        assertEquals(1, errors.size(), "one clear message: " + errors);
        assertTrue(errors.get(0).contains("The enrolment token in " + CONFIG + " cannot be used"), errors.get(0));
        assertEquals(1, spoolDepth());
        assertEquals(OLD_DEVICE, new CredentialStore(dataDir).load().orElseThrow().deviceId(),
                "the identity stays until a new one is granted");
        assertEquals(1, console.deviceIds().size(), "the refused identity is not retried meanwhile");
    }

    @Test
    void aChangedConsoleCaInTheConfigIsAReHomeTheSpoolGoesToTheNewConsoleAndNothingToTheOld() throws Exception {
        RecordingConsole old = console(CA);
        RecordingConsole moved = console(NEW_CA);
        storeIdentity(OLD_DEVICE, Optional.of(CA), old.address());
        spool(hit("a"), hit("b"));

        device = open(moved, NEW_CA, Optional.of(RecordingConsole.TOKEN));
        assertEquals(Optional.of("device-1"), device.start(SessionMonitoring.NONE));

        waitUntil(Duration.ofSeconds(10), "the spool delivered to the new console",
                () -> moved.eventIdsFrom("device-1").size() == 2 && spoolDepth() == 0);
        assertEquals(List.of("a", "b"), moved.eventIdsFrom("device-1"));
        assertEquals(List.of(OLD_DEVICE), hellosFrom(moved, "device-1").stream()
                .map(Hello::getReplacesDeviceId).distinct().toList());
        assertEquals(List.of(), moved.deviceIds().stream().filter(OLD_DEVICE::equals).toList(),
                "the old identity is not presented to the new console");
        assertEquals(List.of(), old.received());
        assertEquals(0, old.enrolAttempts());
        assertEquals(Optional.of(CertificateFingerprint.of(NEW_CA.cert())),
                new CredentialStore(dataDir).load().orElseThrow().consoleCa());
        assertEquals(1, lines(Level.WARN, "moving to the new console").size(), "logged: " + logged.list);
    }

    @Test
    void aReHomeWithoutATokenSaysSoOnceAndSendsNothingAnywhere() throws Exception {
        RecordingConsole old = console(CA);
        RecordingConsole moved = console(NEW_CA);
        storeIdentity(OLD_DEVICE, Optional.of(CA), old.address());
        spool(hit("a"));

        device = open(moved, NEW_CA, Optional.empty());
        assertEquals(Optional.empty(), device.start(SessionMonitoring.NONE));
        Thread.sleep(300);

        List<String> errors = lines(Level.ERROR, "");
        assertEquals(1, errors.size(), "one clear message: " + errors);
        assertTrue(errors.get(0).contains("there is no enrolment.token in the config"), errors.get(0));
        assertEquals(List.of(), moved.deviceIds());
        assertEquals(List.of(), old.deviceIds());
        assertEquals(1, spoolDepth());
    }

    @Test
    void anIdentityStoredBeforeTheConsoleWasRecordedIsTakenAsBelongingToTheConfiguredConsole() throws Exception {
        RecordingConsole console = console(CA);
        storeIdentity(OLD_DEVICE, Optional.empty(), console.address());
        spool(hit("a"));

        device = open(console, CA, Optional.of(RecordingConsole.TOKEN));
        assertEquals(Optional.of(OLD_DEVICE), device.start(SessionMonitoring.NONE));

        waitUntil(Duration.ofSeconds(10), "the spool delivered as the stored device",
                () -> console.eventIdsFrom(OLD_DEVICE).equals(List.of("a")) && spoolDepth() == 0);
        assertEquals(0, console.enrolAttempts());
    }

    private RecordingConsole console(Issued ca) throws IOException {
        RecordingConsole console = RecordingConsole.start(ca);
        consoles.add(console);
        return console;
    }

    private DeviceService open(RecordingConsole console, Issued ca, Optional<String> token) throws Exception {
        AgentConfig config = new AgentConfig(console.address(), token, CertificateFingerprint.of(ca.cert()), dataDir,
                List.of(), 60, Spool.DEFAULT_MAX_BYTES, CONFIG, Optional.empty());
        return DeviceService.open(config, AGENT, Duration.ofMillis(200), supervisor, Clock.systemUTC(),
                () -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random()));
    }

    private void storeIdentity(String deviceId, Optional<Issued> ca, String address) throws IOException {
        new CredentialStore(dataDir).save(new StoredIdentity(new DeviceCredentials(deviceId, "old-secret"),
                ca.map(issued -> CertificateFingerprint.of(issued.cert())), Optional.empty()), address,
                Instant.now(), Optional.empty());
    }

    /** Captures made while the device could not deliver them. */
    private void spool(Event... events) {
        try (Spool spool = Spool.open(dataDir, Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES)) {
            Stream.of(events).forEach(spool::append);
        }
    }

    private long spoolDepth() {
        try (Spool spool = Spool.open(dataDir, Spool.DEFAULT_MAX_BYTES, WireNames.MAX_MESSAGE_BYTES)) {
            return spool.depth();
        }
    }

    private Properties onlyReplacedFile() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dataDir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith(CredentialStore.FILE_NAME + ".replaced-"))
                    .toList();
        }
        assertEquals(1, files.size(), "files: " + files);
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(files.get(0))) {
            props.load(in);
        }
        return props;
    }

    private static List<Hello> hellosFrom(RecordingConsole console, String deviceId) {
        return console.hellos().stream().filter(hello -> hello.getDeviceId().equals(deviceId)).toList();
    }

    private List<String> lines(Level level, String containing) {
        return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(containing)).toList();
    }

    private static Event hit(String id) {
        return Event.newBuilder().setEventId(id).setCategory("self-harm").setSeverity(5).setRuleId("self-harm.txt:1")
                .build();
    }

    private static Logger logger(Class<?> type) {
        return (Logger) LoggerFactory.getLogger(type);
    }
}
