package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.google.protobuf.Timestamp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Goodbye;
import org.vigil.proto.v1.HelperHello;
import org.vigil.proto.v1.HelperMessage;

/**
 * The agent as two processes, as a school runs it: the device service as root, the session helper as an
 * unprivileged pupil on a real X server (Xvfb), keystrokes from xdotool, captures in the real console.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceAndSessionHelperTest {
    private static final String PUPIL = "vigil-e2e-pupil";
    private static final Duration HEARTBEATS = Duration.ofSeconds(75);

    @TempDir
    static Path work;
    /** What the pupil's processes must reach: the jar, the socket's folder, the forged peer's program. */
    private static Path shared;
    private static Path socket;
    private static Path jar;
    private static VirtualDisplay display;
    private static VigilUnderTest vigil;
    private static RunningProcess service;
    private static RunningProcess helper;
    private static boolean pupilCreated;

    @BeforeAll
    static void startEverything() throws Exception {
        Assumptions.assumeTrue(run("id", "-u").strip().equals("0"), "skipped: the device service must run as root"
                + " and the session helper as another user, so this test needs root (CI runs as root)");
        if (exitCode("id", PUPIL) == 0) {
            run("userdel", "-r", PUPIL);
        }
        run("useradd", "-m", "-s", "/usr/sbin/nologin", PUPIL);
        pupilCreated = true;
        shared = Files.createTempDirectory("vigil-e2e-split");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(VigilUnderTest.jar("vigil.agent.jar"), shared.resolve("vigil-agent.jar"));
        Files.createFile(Files.createDirectories(shared.resolve("xdg-runtime")).resolve("bus"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        socket = shared.resolve("run").resolve("agent.sock");

        display = VirtualDisplay.startOpenToEveryLocalUser();
        vigil = VigilUnderTest.startConsole(work);
        service = startService("service");
        helper = startHelper("helper");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            Cleanup.closeAll(helper, service, vigil, display);
        } finally {
            if (pupilCreated) {
                exitCode("userdel", "-r", PUPIL);
            }
        }
    }

    @Test
    @Order(1)
    void atSignInTheHelperShowsTheNoticeInAWindowAndTheConsoleRecordsItForThePupil() throws Exception {
        waitUntil(Duration.ofSeconds(20), "the showing recorded on the console", () -> vigil.count(
                "SELECT COUNT(*) FROM notices_shown WHERE os_user = '" + PUPIL + "' AND shown_as = 'window'") == 1);
        String windows = run("xwininfo", "-display", display.name(), "-root", "-tree");
        assertTrue(windows.contains("\"Vigil: this device is monitored\""),
                "the notice window on the pupil's display:\n" + windows);
    }

    @Test
    @Order(2)
    void typingInThePupilsSessionBecomesACaptureUnderThePupilsOsUser() throws Exception {
        typeAndAwaitCapture("tonight i want to kill myself");

        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'kill myself' AND os_user = '"
                + PUPIL + "'"));
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM captures WHERE os_user <> '" + PUPIL + "'"));
    }

    @Test
    @Order(3)
    void aKilledHelperIsReportedAsTamperAndOneStartedAgainCapturesAndClearsIt() throws Exception {
        helper.kill();
        service.awaitLine(line -> line.contains("session helper for user " + PUPIL + " stopped without signing off"),
                Duration.ofSeconds(10), "the helper's going as tamper");
        String tampered = awaitDeviceLine(line -> line.contains("NOT-MONITORING") && line.contains(
                "session helper for user " + PUPIL + " stopped without signing off at "), "the tamper on the console");
        System.err.println("E2E devices list after kill -9 of the helper: " + tampered);

        // this session has a session bus and a notification server: the notice goes through notify-send (a stand-in
        // that records it; the bus is only a file where a logind session's would be, see startEverything, so the
        // password-field check, which needs a real bus, stays off as in the other sessions)
        Path notified = Files.createDirectories(shared.resolve("notified"));
        Files.setPosixFilePermissions(notified, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path bin = Files.createDirectories(shared.resolve("bin"));
        Path notifySend = bin.resolve("notify-send");
        Files.writeString(notifySend, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + notified.resolve("args") + "\n");
        Files.setPosixFilePermissions(notifySend, PosixFilePermissions.fromString("rwxr-xr-x"));
        helper = startHelper("helper-again", bin + ":/usr/bin:/bin");
        waitUntil(Duration.ofSeconds(20), "the notification", () -> Files.exists(notified.resolve("args")));
        assertTrue(Files.readString(notified.resolve("args"))
                .contains("This device is monitored by the school's safeguarding system."));
        waitUntil(Duration.ofSeconds(20), "the second showing recorded", () -> vigil.count(
                "SELECT COUNT(*) FROM notices_shown WHERE os_user = '" + PUPIL + "' AND shown_as = 'notify-send'")
                == 1);
        typeAndAwaitCapture("everyone hates you");
        awaitDeviceLine(line -> line.contains("\tok\t") && !line.contains("stopped without signing off"),
                "the tamper cleared on the console");
    }

    @Test
    @Order(4)
    void aPeerClaimingAnotherUserIsRecordedAsTheUserItRunsAs() throws Exception {
        String eventId = UUID.randomUUID().toString();
        Path messages = shared.resolve("forged.bin");
        Files.write(messages, forgedConversation(eventId, "head-teacher"));
        Files.setPosixFilePermissions(messages, PosixFilePermissions.fromString("rw-r--r--"));
        Path program = shared.resolve("ForgedPeer.java");
        Files.writeString(program, FORGED_PEER);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));

        try (RunningProcess forged = RunningProcess.start("forged-peer", asPupil(List.of(RunningProcess.java(),
                program.toString(), socket.toString(), messages.toString())), Map.of(), shared)) {
            forged.awaitLine(line -> line.contains("forged peer done"), Duration.ofSeconds(60), "that it sent");
        }

        waitUntil(Duration.ofSeconds(15), "the forged event stored",
                () -> vigil.count("SELECT COUNT(*) FROM captures WHERE event_id = '" + eventId + "'") == 1);
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE event_id = '" + eventId
                + "' AND os_user = '" + PUPIL + "'"), "stored under the peer's real OS user, not head-teacher");
        service.awaitLine(line -> line.contains("named user 'head-teacher' on event " + eventId),
                Duration.ofSeconds(5), "the forged user logged");
    }

    @Test
    @Order(5)
    void killMinus9OfTheServiceWithHitsQueuedLosesNoneAndDeliversEachOnce() throws Exception {
        int grpcPort = vigil.grpcPort();
        vigil.kill(); // the console out of reach: the next hit waits in the service's spool
        display.xdotool("type", "--delay", "20", "i keep cutting my arms at night");
        display.xdotool("key", "Return");
        waitUntil(Duration.ofSeconds(20), "the hit in the service's spool", () -> spooled() == 1);

        service.kill();
        display.xdotool("type", "--delay", "20", "i will bring a knife tomorrow");
        display.xdotool("key", "Return");
        Thread.sleep(1000); // the helper keeps it while the service is down

        vigil = VigilUnderTest.startConsole(work, grpcPort);
        service = startService("service-again");
        waitUntil(Duration.ofSeconds(60), "both hits on the console", () -> vigil.count(
                "SELECT COUNT(*) FROM captures WHERE matched_text IN ('cutting my arms', 'bring a knife')") >= 2);
        Thread.sleep(3000); // time for any second delivery to land
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'cutting my arms'"),
                "the hit spooled when the service was killed, once");
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'bring a knife'"),
                "the hit typed while the service was down, once");
        waitUntil(Duration.ofSeconds(20), "the spool empty", () -> spooled() == 0);
    }

    /** Events in the device service's spool (its SQLite file, which root may read). */
    private static long spooled() {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + work.resolve("service").resolve("spool.db"));
             java.sql.ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static RunningProcess startService(String name) throws IOException, InterruptedException {
        RunningProcess started = RunningProcess.start(name, List.of(RunningProcess.java(), "-Xmx64m", "-jar",
                jar.toString(), "service", "--config", vigil.agentConfig("service").toString(), "--data",
                work.resolve("service").toString(), "--socket", socket.toString()), Map.of(), work);
        started.awaitLine(line -> line.contains("Vigil device service running"), Duration.ofSeconds(60),
                "that it runs");
        return started;
    }

    private static RunningProcess startHelper(String name) throws IOException {
        return startHelper(name, "/usr/bin:/bin");
    }

    private static RunningProcess startHelper(String name, String path) throws IOException {
        RunningProcess started = RunningProcess.start(name, asPupil(List.of(RunningProcess.java(), "-Xmx64m",
                "-jar", jar.toString(), "session", "--socket", socket.toString()), path), Map.of(), shared);
        started.awaitLine(line -> line.contains("Vigil session helper listening"), Duration.ofSeconds(60),
                "that it listens");
        started.awaitLine(line -> line.contains("connected to the device service"), Duration.ofSeconds(30),
                "that it reached the service");
        return started;
    }

    /** setpriv execs the command as the pupil (no process in between, so a kill -9 reaches the JVM itself). */
    private static List<String> asPupil(List<String> command) {
        return asPupil(command, "/usr/bin:/bin");
    }

    private static List<String> asPupil(List<String> command, String path) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + PUPIL, "--regid=" + PUPIL,
                "--init-groups", "env", "-i", "DISPLAY=" + display.name(), "HOME=/home/" + PUPIL,
                "PATH=" + path, "USER=" + PUPIL, "XDG_RUNTIME_DIR=" + shared.resolve("xdg-runtime")));
        full.addAll(command);
        return full;
    }

    private static void typeAndAwaitCapture(String phrase) throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures");
        display.xdotool("type", "--delay", "20", phrase);
        display.xdotool("key", "Return");
        vigil.awaitCaptureCount(before + 1, Duration.ofSeconds(20));
    }

    private static String awaitDeviceLine(java.util.function.Predicate<String> wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + HEARTBEATS.toNanos();
        String devices = "";
        while (System.nanoTime() < deadline) {
            devices = vigil.command("devices", "list");
            for (String line : devices.lines().filter(line -> line.contains("\t")).toList()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("timed out waiting for " + what + "; devices list:\n" + devices);
    }

    private static byte[] forgedConversation(String eventId, String claimedUser) throws IOException {
        Instant now = Instant.now();
        String context = "you are worthless and everyone hates you";
        Event event = Event.newBuilder().setEventId(eventId).setSeq(now.toEpochMilli())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setUser(claimedUser).setWindowTitle("Notes").setApp("gedit").setCategory("bullying")
                .setSeverity(3).setRuleId("bullying.txt:1").setMatchedText("everyone hates you")
                .setContext(context).setMatchStart(context.indexOf("everyone"))
                .setMatchEnd(context.length()).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HelperMessage.newBuilder().setHello(HelperHello.newBuilder().setSessionId("forged")).build()
                .writeDelimitedTo(bytes);
        HelperMessage.newBuilder().setEvent(event).build().writeDelimitedTo(bytes);
        HelperMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason("forged peer done")).build()
                .writeDelimitedTo(bytes);
        return bytes.toByteArray();
    }

    /** A program of the pupil's that speaks the local contract with a user of its own choosing. */
    private static final String FORGED_PEER = """
            import java.net.UnixDomainSocketAddress;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class ForgedPeer {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
                        channel.write(ByteBuffer.wrap(Files.readAllBytes(Path.of(args[1]))));
                        Thread.sleep(2000);
                    }
                    System.out.println("forged peer done");
                }
            }
            """;

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor(30, TimeUnit.SECONDS);
        return process.exitValue();
    }
}
