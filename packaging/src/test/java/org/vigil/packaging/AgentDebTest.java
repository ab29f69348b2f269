package org.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vigil.agent.e2e.Cleanup;
import org.vigil.agent.e2e.RunningProcess;
import org.vigil.agent.e2e.VigilUnderTest;
import org.vigil.agent.e2e.VirtualDisplay;

/**
 * The Linux agent package as a school's MDM installs it, for real, on this machine: the config dropped first,
 * {@code dpkg -i}, the device service started the way its systemd unit says (systemd is not PID 1 here), the
 * session helper started as an unprivileged pupil under Xvfb the way the autostart entry says, typing captured
 * in a real console; then an upgrade that keeps identity and spool, and a purge that leaves nothing behind.
 */
@Tag("packaging")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentDebTest {
    private static final String PACKAGE = "vigil-agent";
    private static final String PUPIL = "vigil-pkg-pupil";
    private static final Path CONFIG = Path.of("/etc/vigil/agent.properties");
    private static final Path DATA = Path.of("/var/lib/vigil-agent");
    private static final Path UNIT = Path.of("/lib/systemd/system/vigil-agent.service");
    private static final Path AUTOSTART = Path.of("/etc/xdg/autostart/vigil-session.desktop");
    private static final List<Path> WATCHED = List.of(Path.of("/opt"), Path.of("/etc"), Path.of("/usr/lib/systemd"),
            Path.of("/var/lib"), Path.of("/run/vigil"), Path.of("/home/" + PUPIL));

    private static Path work;
    private static Path firstDeb;
    private static Path upgradeDeb;
    private static VirtualDisplay display;
    private static VigilUnderTest vigil;
    private static RunningProcess service;
    private static RunningProcess helper;
    private static boolean pupilCreated;
    private static FileTree before;
    private static List<String> usersBefore;
    private static String deviceId;

    @BeforeAll
    static void buildAndPrepare() throws Exception {
        Host.assumeRootWith("dpkg", "jpackage", "jlink", "jdeps", "fakeroot", "zip", "Xvfb", "xdotool", "setpriv",
                "useradd");
        Assumptions.assumeTrue(Host.packageStatus(PACKAGE).isEmpty() || Host.packageStatus(PACKAGE)
                .contains("not-installed"), "skipped: " + PACKAGE + " is already installed on this machine; the test"
                + " installs and purges it, so it leaves a machine's own install alone");
        work = Packages.testOutput("agent");
        String version = Packages.projectVersion();
        firstDeb = Packages.build("agent-deb", version, work.resolve("first"));
        upgradeDeb = Packages.build("agent-deb", version + ".1", work.resolve("upgrade"));
        assertEquals(0, Host.run("dpkg", "--compare-versions", version + ".1", "gt", version).exitCode());

        if (Host.run("id", PUPIL).exitCode() == 0) {
            Host.run("userdel", "-r", PUPIL);
        }
        Host.run("useradd", "-m", "-s", "/usr/sbin/nologin", PUPIL).orFail("useradd");
        pupilCreated = true;
        display = VirtualDisplay.startOpenToEveryLocalUser();
        Host.deleteTree(work.resolve("console-run"));
        Files.createDirectories(work.resolve("console-run"));
        vigil = VigilUnderTest.startConsole(work.resolve("console-run"));
        Files.deleteIfExists(CONFIG);
        before = FileTree.of(WATCHED);
        usersBefore = Host.systemUsers();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            Cleanup.closeAll(helper, service, vigil, display);
        } finally {
            if (!Host.packageStatus(PACKAGE).isEmpty()) {
                Host.run("dpkg", "--purge", PACKAGE);
            }
            Files.deleteIfExists(CONFIG);
            if (Files.isDirectory(CONFIG.getParent()) && Files.list(CONFIG.getParent()).findAny().isEmpty()) {
                Files.delete(CONFIG.getParent());
            }
            if (pupilCreated) {
                Host.run("userdel", "-r", PUPIL);
            }
        }
    }

    @Test
    @Order(1)
    void aSilentInstallWithAMissingOrMalformedSettingFailsClearlyAndInstallsNothing() throws Exception {
        Host.Result missing = Host.run("dpkg", "-i", firstDeb.toString());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("vigil-agent: /etc/vigil/agent.properties is missing"), missing.output());

        Files.createDirectories(CONFIG.getParent());
        Files.writeString(CONFIG, "console.address=not a host\nenrolment.token=abc\nconsole.ca.sha256=" + "AB".repeat(32)
                + "\n");
        Host.Result badAddress = Host.run("dpkg", "-i", firstDeb.toString());
        assertNotEquals(0, badAddress.exitCode());
        assertTrue(badAddress.output().contains("console.address 'not a host' in /etc/vigil/agent.properties is not"
                + " host:port"), badAddress.output());

        Files.writeString(CONFIG, "console.address=10.0.0.5:9443\nenrolment.token=abc\nconsole.ca.sha256=12:34\n");
        Host.Result badFingerprint = Host.run("dpkg", "-i", firstDeb.toString());
        assertNotEquals(0, badFingerprint.exitCode());
        assertTrue(badFingerprint.output().contains("console.ca.sha256 '12:34'"), badFingerprint.output());
        System.err.println("PACKAGING a refused silent install says: " + badFingerprint.output().lines()
                .filter(line -> line.startsWith("vigil-agent:")).toList());

        assertFalse(Host.packageStatus(PACKAGE).endsWith(" installed"), Host.packageStatus(PACKAGE));
        assertFalse(Files.exists(Path.of("/opt/vigil-agent")));
        assertFalse(Files.exists(UNIT));
        Files.delete(CONFIG);
        Files.delete(CONFIG.getParent());
        assertEquals(java.util.Set.of(), FileTree.of(WATCHED).added(before), "left behind by refused installs");
    }

    @Test
    @Order(2)
    void installedByDpkgTheServiceAndTheAutostartedHelperCaptureTyping() throws Exception {
        // the MDM drops the console's agent-config output first, as whatever mode its file copy gives
        Files.createDirectories(CONFIG.getParent());
        Files.copy(vigil.agentConfig("mdm"), CONFIG);
        Files.setPosixFilePermissions(CONFIG, PosixFilePermissions.fromString("rw-r--r--"));
        long started = System.nanoTime();
        Host.run("dpkg", "-i", firstDeb.toString()).orFail("dpkg -i " + firstDeb);

        assertEquals("install ok installed", Host.packageStatus(PACKAGE));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(CONFIG)));
        assertEquals("root", Files.getOwner(CONFIG).getName());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA)));
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertTrue(unit.value("User").isEmpty(), "the device service runs as root");
        assertEquals("multi-user.target", installSection(UNIT));

        service = startService("service");
        helper = startHelper("helper");
        typeAndAwaitCapture("tonight i want to kill myself", 1);
        Duration toFirstCapture = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'kill myself' AND os_user = '"
                + PUPIL + "'"));
        deviceId = deviceId();
        System.err.println("PACKAGING agent .deb: " + Files.size(firstDeb) / 1024 + " KiB; installed size "
                + Host.packageField(PACKAGE, "Installed-Size") + " KiB; dpkg -i to first capture "
                + toFirstCapture.toMillis() + " ms");
    }

    @Test
    @Order(3)
    void anUpgradeKeepsTheDeviceIdentityAndItsSpool() throws Exception {
        // the console goes away: the next hit waits in the service's spool
        int grpcPort = vigil.grpcPort();
        vigil.kill();
        display.xdotool("type", "--delay", "20", "everyone hates you");
        display.xdotool("key", "Return");
        waitUntil(Duration.ofSeconds(20), "the hit in the service's spool", () -> spooledEvents() == 1);

        // dpkg's upgrade, with the service and helper stopped as systemd and the session would stop them
        Cleanup.closeAll(helper, service);
        Host.run("dpkg", "-i", upgradeDeb.toString()).orFail("dpkg -i " + upgradeDeb);
        assertEquals(Packages.projectVersion() + ".1", Host.packageField(PACKAGE, "Version"));
        assertEquals(deviceId, deviceId(), "the device id after the upgrade");
        assertEquals(1, spooledEvents(), "the spool after the upgrade");

        vigil = VigilUnderTest.startConsole(work.resolve("console-run"), grpcPort);
        service = startService("service-upgraded");
        vigil.awaitCaptureCount(2, Duration.ofSeconds(30));
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'everyone hates you'"));
        helper = startHelper("helper-upgraded");
        typeAndAwaitCapture("i want to kill myself", 3);
        assertEquals(1, vigil.count("SELECT COUNT(DISTINCT device_id) FROM captures"), "one device throughout");
    }

    @Test
    @Order(4)
    void aPurgeLeavesNoFileUnitAutostartEntryOrUserBehind() throws Exception {
        List<String> owned = Host.run("dpkg", "-L", PACKAGE).orFail("dpkg -L").output().lines()
                .filter(line -> line.contains("vigil")).toList();
        Cleanup.closeAll(helper, service);
        helper = null;
        service = null;
        Host.run("dpkg", "--purge", PACKAGE).orFail("dpkg --purge");

        assertTrue(Host.packageStatus(PACKAGE).isEmpty() || Host.packageStatus(PACKAGE).contains("not-installed"),
                Host.packageStatus(PACKAGE));
        List<String> left = new ArrayList<>(owned.stream().filter(path -> Files.exists(Path.of(path))).toList());
        assertEquals(List.of(), left, "files the package owned");
        assertFalse(Files.exists(UNIT));
        assertFalse(Files.exists(AUTOSTART));
        assertFalse(Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/vigil-agent.service")));
        assertFalse(Files.exists(Path.of("/home/" + PUPIL + "/.local/share/vigil-agent")), "the helper's files");
        // what the pupil's own JVM writes in their home (the JDK's per-user font cache, made when the sign-in notice's
        // window is drawn) is the user's, as every program's is: a package never removes files from homes
        Path fontCache = Path.of("/home/" + PUPIL + "/.java");
        assertEquals(java.util.Set.of(), FileTree.of(WATCHED).added(before).stream()
                .filter(path -> !Path.of(path).startsWith(fontCache)).collect(java.util.stream.Collectors.toSet()),
                "anything new under " + WATCHED);
        assertEquals(usersBefore, Host.systemUsers());
    }

    private static RunningProcess startService(String name) throws IOException {
        List<String> command = SystemdUnit.read(UNIT).commandAsItsUser();
        RunningProcess started = RunningProcess.start(name, command, Map.of(), work);
        started.awaitLine(line -> line.contains("Vigil device service running"), Duration.ofSeconds(60),
                "that it runs");
        return started;
    }

    /** The autostart entry's command as the pupil's desktop session would run it. */
    private static RunningProcess startHelper(String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + PUPIL, "--regid=" + PUPIL,
                "--init-groups", "env", "-i", "DISPLAY=" + display.name(), "HOME=/home/" + PUPIL,
                "PATH=/usr/bin:/bin", "USER=" + PUPIL));
        command.addAll(DesktopEntry.read(AUTOSTART).exec());
        RunningProcess started = RunningProcess.start(name, command, Map.of(), Path.of("/"));
        // its hook is up only after it has the service's settings: typing before this line is not heard
        started.awaitLine(line -> line.contains("Vigil session helper listening for typed text"),
                Duration.ofSeconds(60), "that it reached the service and listens");
        return started;
    }

    private static void typeAndAwaitCapture(String phrase, long expected) throws Exception {
        display.xdotool("type", "--delay", "20", phrase);
        display.xdotool("key", "Return");
        vigil.awaitCaptureCount(expected, Duration.ofSeconds(30));
    }

    private static String deviceId() throws IOException {
        Properties identity = new Properties();
        try (Reader in = Files.newBufferedReader(DATA.resolve("device.properties"))) {
            identity.load(in);
        }
        return identity.getProperty("device.id");
    }

    private static long spooledEvents() {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve("spool.db"));
             ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String installSection(Path unit) throws IOException {
        return Files.readAllLines(unit).stream().filter(line -> line.startsWith("WantedBy="))
                .map(line -> line.substring("WantedBy=".length())).findFirst().orElse("");
    }
}
