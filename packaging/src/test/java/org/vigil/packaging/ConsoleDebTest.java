package org.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vigil.agent.e2e.RunningProcess;

/**
 * The console package installed as a school's IT installs a server: {@code dpkg -i}, the service started the way
 * its unit says (as its own user, settings from its environment files; systemd is not PID 1 here), a sign-in over
 * HTTP with the one-time password the package wrote, an upgrade keeping the data, and a purge.
 */
@Tag("packaging")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleDebTest {
    private static final String PACKAGE = "vigil-console";
    private static final Path UNIT = Path.of("/lib/systemd/system/vigil-console.service");
    private static final Path SETTINGS = Path.of("/etc/vigil/console.env");
    private static final Path FIRST_PASSWORD = Path.of("/etc/vigil/initial-admin.env");
    private static final Path DATA = Path.of("/var/lib/vigil");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final List<Path> WATCHED = List.of(Path.of("/opt"), Path.of("/etc"), Path.of("/usr/lib/systemd"),
            Path.of("/var/lib"));

    private static Path work;
    private static Path firstDeb;
    private static Path upgradeDeb;
    private static RunningProcess console;
    private static FileTree before;
    private static List<String> usersBefore;
    private static List<String> groupsBefore;
    private static int httpPort;
    private static String password;

    @BeforeAll
    static void build() throws Exception {
        Host.assumeRootWith("dpkg", "jpackage", "jlink", "jdeps", "fakeroot", "zip", "setpriv", "adduser");
        Assumptions.assumeTrue(Host.packageStatus(PACKAGE).isEmpty() || Host.packageStatus(PACKAGE)
                .contains("not-installed"), "skipped: " + PACKAGE + " is already installed on this machine; the test"
                + " installs and purges it, so it leaves a machine's own install alone");
        Assumptions.assumeFalse(Files.exists(DATA), "skipped: " + DATA + " exists: the test would purge it");
        work = Packages.testOutput("console");
        String version = Packages.projectVersion();
        firstDeb = Packages.build("console-deb", version, work.resolve("first"));
        upgradeDeb = Packages.build("console-deb", version + ".1", work.resolve("upgrade"));
        before = FileTree.of(WATCHED);
        usersBefore = Host.systemUsers();
        groupsBefore = Host.systemGroups();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            if (console != null) {
                console.close();
            }
        } finally {
            if (!Host.packageStatus(PACKAGE).isEmpty()) {
                Host.run("dpkg", "--purge", PACKAGE);
            }
        }
    }

    @Test
    @Order(1)
    void installedItRunsAsItsOwnUserAndTheFirstAdminSignsInWithThePasswordThePackageWrote() throws Exception {
        Host.Result install = Host.run("dpkg", "-i", firstDeb.toString()).orFail("dpkg -i " + firstDeb);
        assertEquals("install ok installed", Host.packageStatus(PACKAGE));
        assertTrue(Host.systemUsers().contains("vigil"), "the console's system user");
        assertFalse(usersBefore.contains("vigil"));
        assertEquals("vigil", Files.getOwner(DATA).getName());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(FIRST_PASSWORD)));
        assertEquals("root", Files.getOwner(FIRST_PASSWORD).getName());
        password = SystemdUnit.read(UNIT).environment().get("VIGIL_ADMIN_PASSWORD");
        assertTrue(password != null && password.length() >= 16, "a generated one-time password");
        assertFalse(install.output().contains(password), "the password is not in dpkg's output");
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertEquals("vigil", unit.value("User").orElse(""));

        // IT picks the ports in the settings file (free ones here, beside whatever else this machine runs)
        httpPort = freePort();
        Files.writeString(SETTINGS, Files.readString(SETTINGS)
                .replace("VIGIL_HTTP_PORT=8080", "VIGIL_HTTP_PORT=" + httpPort)
                .replace("VIGIL_GRPC_PORT=9443", "VIGIL_GRPC_PORT=" + freePort())
                .replace("VIGIL_BIND=0.0.0.0", "VIGIL_BIND=127.0.0.1"));
        console = start("console");
        assertFalse(console.output().contains(password), "the password is not in the journal");
        assertTrue(signIn("admin", password), "signed in as admin with the one-time password");
        assertTrue(Files.exists(DATA.resolve("vigil.db")));
        System.err.println("PACKAGING console .deb: " + Files.size(firstDeb) / 1024 + " KiB; installed size "
                + Host.packageField(PACKAGE, "Installed-Size") + " KiB");
    }

    @Test
    @Order(2)
    void anUpgradeKeepsTheDataAndRunsTheConsoleOnTheNewVersion() throws Exception {
        long migrations = appliedMigrations();
        console.close();
        console = null;
        Host.Result upgrade = Host.run("dpkg", "-i", upgradeDeb.toString()).orFail("dpkg -i " + upgradeDeb);
        assertFalse(upgrade.output().contains("one-time password is in"), "no new password on an upgrade");
        assertEquals(Packages.projectVersion() + ".1", Host.packageField(PACKAGE, "Version"));
        assertTrue(Files.readString(SETTINGS).contains("VIGIL_HTTP_PORT=" + httpPort), "IT's settings kept");

        console = start("console-upgraded");
        assertTrue(signIn("admin", password), "the same admin, from the kept database");
        assertEquals(migrations, appliedMigrations(), "the kept database, fully migrated");
    }

    @Test
    @Order(3)
    void aPurgeRemovesTheProgramDataSettingsUnitAndUser() throws Exception {
        console.close();
        console = null;
        Host.run("dpkg", "--purge", PACKAGE).orFail("dpkg --purge");

        assertTrue(Host.packageStatus(PACKAGE).isEmpty() || Host.packageStatus(PACKAGE).contains("not-installed"));
        assertFalse(Files.exists(DATA));
        assertFalse(Files.exists(UNIT));
        assertFalse(Files.exists(Path.of("/etc/vigil")));
        assertEquals(usersBefore, Host.systemUsers());
        assertEquals(groupsBefore, Host.systemGroups());
        assertEquals(java.util.Set.of(), FileTree.of(WATCHED).added(before), "anything new under " + WATCHED);
    }

    private static RunningProcess start(String name) throws IOException {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        RunningProcess started = RunningProcess.start(name, unit.commandAsItsUser(), unit.environment(), Path.of("/"));
        started.awaitLine(line -> line.contains("Vigil console ready"), Duration.ofSeconds(90), "that it is ready");
        return started;
    }

    /**
     * The sign-in form as a browser posts it, over the HTTPS the installed console serves by default, trusting the
     * console's own CA as an IT admin would import it; true when the console answers with a session.
     */
    private static boolean signIn(String username, String secret) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(trusting(DATA.resolve("tls").resolve("ca.pem"))).build();
        String base = "https://127.0.0.1:" + httpPort;
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        assertTrue(csrf.find(), "a sign-in form with its CSRF token:\n" + form);
        String body = "csrf=" + enc(csrf.group(1)) + "&username=" + enc(username) + "&password=" + enc(secret);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        return answer.statusCode() == 303 && !location.startsWith("/login") && cookies.getCookieStore().getCookies()
                .stream().anyMatch(cookie -> cookie.getName().equals("vigil_session"));
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trusted.setCertificateEntry("vigil-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long appliedMigrations() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve("vigil.db"));
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
