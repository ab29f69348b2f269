package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigil.console.auth.SessionTimeouts;

/**
 * The open triage queue in a real Chromium never dies quietly: a session that times out, a console restart and a
 * network cut each show at once in the page's alert banner, and nothing stored meanwhile is missed or shown twice.
 */
@Tag("e2e")
class LiveQueueInChromiumIT {
    private static final String PASSWORD = "live queue in chromium password";
    private static final String DISCLOSURE = "i am going to end my life tonight";
    /** Would set a flag if it ever ran as script. */
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD, WebTimings.defaults()
            .withKeepAlive(KEEP_ALIVE));
    private static Chromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @Test
    void aSessionThatTimesOutUnderAnOpenQueueAsksToSignInAgainAndReturnsToTheQueue() throws Exception {
        Duration idle = Duration.ofSeconds(4);
        RunningConsole shortSessions = new RunningConsole(PASSWORD, WebTimings.defaults()
                .withSessions(new SessionTimeouts(idle, Duration.ofHours(1))));
        shortSessions.beforeAll(null);
        try {
            String base = "http://127.0.0.1:" + shortSessions.get().httpPort();
            chromium.signIn(base, "admin", PASSWORD, shortSessions.get().dataDir());
            browser.get(base + "/captures?status=NEW");
            long opened = System.nanoTime();
            WebElement banner = waitForBanner("Signed out");
            Duration shown = Duration.ofNanos(System.nanoTime() - opened);
            assertTrue(shown.compareTo(idle.plusSeconds(4)) < 0, "shown within seconds of the timeout: " + shown);
            assertEquals("alert", banner.getAttribute("role"));
            assertTrue(banner.getText().contains("this queue is no longer updating"), banner.getText());
            assertTrue(browser.getTitle().startsWith("(signed out) "), browser.getTitle());
            chromium.screenshot("18-queue-signed-out");

            banner.findElement(By.linkText("Sign in again")).click();
            chromium.waitForTitle("Sign in");
            browser.findElement(By.name("username")).sendKeys("admin");
            browser.findElement(By.name("password")).sendKeys(PASSWORD, Keys.ENTER);
            chromium.typeTwoFactorCode(Phone.freshCode(shortSessions.get().dataDir(), "admin"));
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/captures?status=NEW"));
            assertEquals("", browser.findElement(By.id("live-connection")).getText());
        } finally {
            shortSessions.afterAll(null);
        }
    }

    @Test
    void aConsoleRestartShowsReconnectingThenCarriesOnSignedInAndTheDisclosureMadeMeanwhileIsThereOnce()
            throws Exception {
        chromium.signIn(ui.base(), "admin", PASSWORD);
        browser.get(ui.base() + "/captures");
        ui.stopConsole();
        try {
            assertEquals("alert", waitForBanner("reconnecting…").getAttribute("role"));
            chromium.screenshot("17-queue-reconnecting");
        } finally {
            ui.startConsoleAgain();
        }
        String disclosure = DISCLOSURE + " (during the restart)";
        Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(5).setCategory("suicide")
                .setMatchedText(disclosure).build()));
        // sessions are in the database (ADR 0131): the restarted console knows this one, so the page carries on
        waitForBanner("Reconnected");
        new WebDriverWait(browser, WAIT).until(d -> rowsWith(disclosure) == 1);
        assertEquals(1, rowsWith(disclosure));
    }

    @Test
    void aNetworkCutShowsReconnectingAndTheSeverityFiveCaptureStoredMeanwhileAppearsOnceAfter() throws Exception {
        try (TcpProxy network = new TcpProxy(ui.console().httpPort())) {
            String base = "http://127.0.0.1:" + network.port();
            chromium.signIn(base, "admin", PASSWORD);
            browser.get(base + "/captures");
            ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
            network.cut();
            waitForBanner("reconnecting…");
            assertTrue(browser.findElement(By.id("live-status")).getText().contains("reconnecting"));
            Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(5).setCategory("suicide")
                    .setUser("dee").setMatchedText(DISCLOSURE + " " + HOSTILE).build()));
            network.restore();
            waitForBanner("Reconnected");
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("live-alert")));
            assertTrue(browser.findElement(By.id("live-alert")).getText().contains("Severity 5 capture just arrived"));
            assertEquals(1, rowsWith(DISCLOSURE + " " + HOSTILE));
            assertTrue(browser.findElements(By.cssSelector("#queue tbody tr")).get(0).getText().contains(DISCLOSURE));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument"),
                    "caught up without a reload");
            chromium.screenshot("19-queue-caught-up");

            Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(3).setMatchedText("later")
                    .build()));
            new WebDriverWait(browser, WAIT).until(d -> rowsWith("later") == 1);
            assertEquals(1, rowsWith(DISCLOSURE + " " + HOSTILE), "the reconnected stream sent nothing twice");
            assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"), "captured text ran");
        }
    }

    @Test
    void aConnectionThatDiesWithoutClosingShowsReconnectingAfterThreeSilentKeepAlivesAndComesBack()
            throws Exception {
        try (TcpProxy network = new TcpProxy(ui.console().httpPort())) {
            String base = "http://127.0.0.1:" + network.port();
            chromium.signIn(base, "admin", PASSWORD);
            browser.get(base + "/captures");
            ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
            Thread.sleep(KEEP_ALIVE.toMillis() * 2); // the page has heard the interval
            network.goSilent();
            long silent = System.nanoTime();
            // three intervals of silence, then a probe that the silent network never answers (given up after 10 s)
            new WebDriverWait(browser, Duration.ofSeconds(40)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("live-connection"), "reconnecting…"));
            Duration noticed = Duration.ofNanos(System.nanoTime() - silent);
            assertTrue(noticed.compareTo(KEEP_ALIVE.multipliedBy(3)) >= 0, "not before three silent intervals: "
                    + noticed);
            String disclosure = DISCLOSURE + " (while the network was silent)";
            Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(5).setCategory("suicide")
                    .setMatchedText(disclosure).build()));
            network.speakAgain();
            new WebDriverWait(browser, Duration.ofSeconds(40)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("live-connection"), "Reconnected"));
            new WebDriverWait(browser, WAIT).until(d -> rowsWith(disclosure) == 1);
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument"),
                    "caught up without a reload");
        }
    }

    @Test
    void aSeverityFiveCaptureIsNotifiedInTheBackgroundWithoutWhatWasTyped() throws Exception {
        chromium.signIn(ui.base(), "admin", PASSWORD);
        browser.get(ui.base() + "/captures");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        // stands in for the browser's notifications (permission granted) and for the tab being in the background
        page.executeScript("window.shown = [];"
                + "window.Notification = function (title, options) {"
                + "  window.shown.push(title + ' | ' + options.body); };"
                + "window.Notification.permission = 'granted';"
                + "Object.defineProperty(document, 'hidden', {"
                + "  configurable: true, get: function () { return true; } });");
        Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(5).setCategory("suicide")
                .setUser("quinn").setMatchedText(DISCLOSURE + " (notified)").build()));
        new WebDriverWait(browser, WAIT).until(d -> ((Number) page.executeScript("return window.shown.length"))
                .intValue() == 1);
        String shown = String.valueOf(page.executeScript("return window.shown[0]"));
        assertTrue(shown.startsWith("Vigil: severity 5 capture | suicide, severity 5, 20"), shown);
        assertFalse(shown.contains("end my life") || shown.contains("quinn"), "no typed text, no pupil: " + shown);
    }

    private static WebElement waitForBanner(String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("live-connection"), text));
        return browser.findElement(By.id("live-connection"));
    }

    private static long rowsWith(String matched) {
        return browser.findElements(By.cssSelector("#queue tbody tr")).stream()
                .filter(row -> row.getText().contains(matched)).count();
    }
}
