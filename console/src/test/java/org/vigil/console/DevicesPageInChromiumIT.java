package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.SpoolDrops;
import org.vigil.proto.v1.Stopping;

/**
 * The devices and enrolment tokens pages in a real headless Chromium, as an IT admin uses them: seeded devices in
 * each state, a revocation with a reason that ends a live agent stream, a device stopped cleanly beside alerts
 * not delivered, and a token shown once. Screenshots {@code 4a-…} to {@code 4g-…} land in target/screenshots.
 * The class's console holds the seeded devices, which
 * no test changes; a test that revokes or enrols a device does it on a console of its own, and each test signs in.
 */
@Tag("e2e")
class DevicesPageInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;
    private static DeviceStream activeStream;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;
    private static String active;
    private static String silent;
    private static String behind;
    private static String revoked;
    /** What a test opened for itself (its own console, client, stream), closed after it, last opened first. */
    private final Deque<AutoCloseable> own = new ArrayDeque<>();

    @BeforeAll
    static void start() throws Exception {
        console = ui.console();
        dataDir = ui.dataDir();
        base = ui.base();
        client = new GrpcTestClient(console);
        SeededDevices seeded = new SeededDevices(console, dataDir, client);
        String current = console.policies().current().change().version();
        EnrollResponse activeDevice = seeded.enrolled("library-pc-01");
        active = activeDevice.getDeviceId();
        activeStream = seeded.connected(activeDevice, Hello.newBuilder().setPolicyVersion(current).setSpoolDepth(3)
                .setAgentVersion("0.4.0").setUser("amy").setOs("Windows 11")
                .setDrops(SpoolDrops.newBuilder().setScreenshots(4).setEvents(1)).build());
        EnrollResponse behindDevice = seeded.enrolled("science-pc-12");
        behind = behindDevice.getDeviceId();
        seeded.connected(behindDevice, Hello.newBuilder().setPolicyVersion("0123456789abcdef0123")
                .setAgentVersion("0.3.9").setUser("ben").setOs("macOS 14").build()).close();
        silent = seeded.enrolled("art-laptop-03").getDeviceId();
        seeded.lastSeen(silent, Duration.ofDays(5), current);
        seeded.set(silent, "os_user", "chloe " + HOSTILE);
        revoked = seeded.enrolled("stolen-laptop-09").getDeviceId();
        seeded.lastSeen(revoked, Duration.ofDays(20), current);
        seeded.set(revoked, "revoked_at", System.currentTimeMillis() - Duration.ofDays(19).toMillis());
        seeded.enrolled("new-laptop-22");
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        WebSession.newUser(console, admin, "it-admin", "IT_ADMIN");
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        activeStream.close();
        client.close();
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        while (!own.isEmpty()) {
            own.pop().close();
        }
    }

    @Test
    void theDevicesPageShowsEachDeviceWithItsStateAndTheCounts() throws Exception {
        chromium.signIn(base, "it-admin", "it-admin passphrase");
        browser.findElement(By.linkText("Devices")).click();
        chromium.waitForTitle("Devices · Vigil");
        String summary = browser.findElement(By.id("device-summary")).getText();
        assertTrue(summary.contains("5 devices"), summary);
        assertTrue(summary.contains("2 active") && summary.contains("1 silent") && summary.contains("1 behind")
                && summary.contains("1 revoked") && summary.contains("1 never connected"), summary);
        assertEquals("silent", cell(silent, 11));
        assertTrue(cell(silent, 7).startsWith("5 days ago"), cell(silent, 7));
        assertEquals("chloe " + HOSTILE, cell(silent, 3), "hostile text shown as text");
        assertTrue(cell(behind, 6).contains("0123456789ab") && cell(behind, 6).contains("BEHIND"), cell(behind, 6));
        assertEquals("revoked", cell(revoked, 11));
        assertEquals("active", cell(active, 11));
        assertEquals("4 / 1", cell(active, 9));
        assertEquals("3", cell(active, 8));
        assertFalse(cell(active, 6).contains("BEHIND"));
        chromium.screenshot("4a-devices");
        assertNotPwned();
    }

    @Test
    void theFiltersNarrowTheList() throws Exception {
        chromium.signIn(base, "it-admin", "it-admin passphrase");
        browser.get(base + "/devices");
        chromium.waitForTitle("Devices · Vigil");
        browser.findElement(By.partialLinkText("Silent (")).click();
        chromium.waitForText(".tabs a.current", "Silent (1)");
        assertEquals(1, browser.findElements(By.cssSelector("#devices tbody tr")).size());
        assertEquals(silent, browser.findElement(By.cssSelector("#devices tbody tr")).getAttribute("data-device"));
        chromium.screenshot("4b-devices-silent");
        browser.findElement(By.partialLinkText("Behind (")).click();
        chromium.waitForText(".tabs a.current", "Behind (1)");
        assertEquals(behind, browser.findElement(By.cssSelector("#devices tbody tr")).getAttribute("data-device"));
        browser.findElement(By.partialLinkText("All (")).click();
        chromium.waitForText(".tabs a.current", "All (5)");
    }

    @Test
    void revokingADeviceAsksForAReasonAndEndsItsConnection(@TempDir Path dataDir) throws Exception {
        Console console = opened(Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)));
        GrpcTestClient client = opened(new GrpcTestClient(console));
        SeededDevices seeded = new SeededDevices(console, dataDir, client);
        EnrollResponse activeDevice = seeded.enrolled("library-pc-01");
        String active = activeDevice.getDeviceId();
        DeviceStream activeStream = opened(seeded.connected(activeDevice, Hello.newBuilder()
                .setPolicyVersion(console.policies().current().change().version())
                .setAgentVersion("0.4.0").setUser("amy").setOs("Windows 11").build()));
        itAdminOnDevicesPage(console);
        row(active).findElement(By.linkText("Revoke…")).click();
        chromium.waitForTitle("Revoke a device · Vigil");
        assertEquals("Revoke library-pc-01?", browser.findElement(By.tagName("h1")).getText());
        browser.findElement(By.xpath("//button[text()='Revoke device']")).click();
        assertEquals("Revoke a device · Vigil", browser.getTitle(), "the browser asks for the required reason first");
        assertNull(Db.text(dataDir, "SELECT revoked_at FROM devices WHERE id = ?", active));
        browser.findElement(By.name("reason")).sendKeys("Reported lost on the Year 8 trip");
        chromium.screenshot("4c-revoke-confirm");
        browser.findElement(By.xpath("//button[text()='Revoke device']")).click();
        chromium.waitForTitle("Devices · Vigil");
        chromium.waitForText(".notice", "Revoked library-pc-01");
        assertEquals(Status.Code.UNAUTHENTICATED, activeStream.awaitEnd(Duration.ofSeconds(2)).getCode());
        assertEquals("revoked", cell(active, 11));
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                + " AND actor = 'it-admin' AND target = ? AND detail = 'Reported lost on the Year 8 trip'",
                "device:" + active));
        chromium.screenshot("4d-device-revoked");
    }

    @Test
    void aDeviceStoppedCleanlyAndAlertsNotDeliveredAreShownAsSuch(@TempDir Path dataDir) throws Exception {
        Console console = opened(Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)));
        GrpcTestClient client = opened(new GrpcTestClient(console));
        SeededDevices seeded = new SeededDevices(console, dataDir, client);
        EnrollResponse device = seeded.enrolled("library-pc-02");
        String stopped = device.getDeviceId();
        try (DeviceStream stream = seeded.connected(device, Hello.newBuilder()
                .setPolicyVersion(console.policies().current().change().version()).build())) {
            stream.send(AgentMessage.newBuilder().setStopping(Stopping.newBuilder().setReason("shutdown")).build());
            waitUntil(Duration.ofSeconds(10), "the stop recorded",
                    () -> Db.text(dataDir, "SELECT stopped_at FROM devices WHERE id = ?", stopped) != null);
        }
        assertTrue(console.services().users().createIfAbsent("dsl-one", "not-a-hash", "DSL", false, false,
                Optional.of("dsl.one@school.example")));
        DeviceStream.sendAcked(client, stopped, device.getDeviceSecret(), Events.disclosure().build(),
                Duration.ofSeconds(10));

        itAdminOnDevicesPage(console);
        assertTrue(cell(stopped, 11).startsWith("stopped cleanly\nStopped cleanly at "), cell(stopped, 11));
        assertTrue(cell(stopped, 11).endsWith(": shutdown"), cell(stopped, 11));
        String waiting = browser.findElement(By.id("alerts-undelivered-email")).getText();
        assertTrue(waiting.startsWith("Email: 1 alert(s) not delivered yet"), waiting);
        assertTrue(waiting.contains("no mail server configured"), waiting);
        assertFalse(browser.getPageSource().contains(Events.DISCLOSURE_MATCHED), "no capture content");
        chromium.screenshot("4g-devices-stopped-undelivered");
    }

    @Test
    void anEnrolmentTokenIsShownOnceAndThenOnlyListed(@TempDir Path dataDir) throws Exception {
        Console console = opened(Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)));
        GrpcTestClient client = opened(new GrpcTestClient(console));
        String base = itAdminOnDevicesPage(console);
        browser.findElement(By.linkText("Enrolment tokens")).click();
        chromium.waitForTitle("Enrolment tokens · Vigil");
        browser.findElement(By.name("label")).sendKeys("Year 7 laptops (Intune)");
        WebElement days = browser.findElement(By.name("days"));
        days.clear();
        days.sendKeys("14");
        browser.findElement(By.xpath("//button[text()='Make token']")).click();
        WebElement secret = chromium.settled(By.id("token-secret"));
        String token = secret.getText();
        assertEquals(43, token.length(), "256 bits, base64url: " + token);
        assertTrue(browser.findElement(By.id("new-token")).getText().contains("vigil-console agent-config"));
        chromium.screenshot("4e-token-created");
        assertFalse(client.enroll(token).getDeviceId().isEmpty(), "the shown token enrols a device");

        browser.get(base + "/devices/tokens");
        chromium.waitForTitle("Enrolment tokens · Vigil");
        assertFalse(browser.getPageSource().contains(token), "the secret is not shown again");
        WebElement row = browser.findElement(By.xpath("//tr[td[text()='Year 7 laptops (Intune)']]"));
        assertTrue(row.getText().contains("usable"), row.getText());
        assertEquals("1", row.findElement(By.className("uses")).getText(), "one use");
        chromium.screenshot("4f-tokens");
        assertNotPwned();
    }

    private <T extends AutoCloseable> T opened(T resource) {
        own.push(resource);
        return resource;
    }

    /** An IT admin of this console signed in and on its devices page; returns the console's base address. */
    private static String itAdminOnDevicesPage(Console console) throws Exception {
        WebSession.newUser(console, WebSession.signIn(console, "admin", PASSWORD), "it-admin", "IT_ADMIN");
        String base = "http://127.0.0.1:" + console.httpPort();
        chromium.signIn(base, "it-admin", "it-admin passphrase", console.dataDir());
        browser.get(base + "/devices");
        chromium.waitForTitle("Devices · Vigil");
        return base;
    }

    private static WebElement row(String deviceId) {
        return browser.findElement(By.cssSelector("#devices tr[data-device='" + deviceId + "']"));
    }

    /** The text of a cell of a device's row, counting from 1. */
    private static String cell(String deviceId, int column) {
        return row(deviceId).findElements(By.tagName("td")).get(column - 1).getText().strip();
    }

    private static void assertNotPwned() {
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"), "hostile text ran as script");
    }
}
