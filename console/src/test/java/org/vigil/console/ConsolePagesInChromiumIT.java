package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

/**
 * Every console page in a real headless Chromium, as a DSL, an IT admin and a governor use them, with screenshots of
 * the main pages kept in target/screenshots. Hostile captured text must stay inert in a real browser too. Each test
 * signs in and seeds its own captures and users on the class's console; the one that counts the whole queue has a
 * console of its own.
 */
@Tag("e2e")
class ConsolePagesInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    /** Would set a flag if it ever ran as script. */
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    private static Console console;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;
    /** What a test opened for itself (its own console), closed after it. */
    private final Deque<AutoCloseable> own = new ArrayDeque<>();

    @BeforeAll
    static void start() throws Exception {
        console = ui.console();
        dataDir = ui.dataDir();
        base = ui.base();
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        while (!own.isEmpty()) {
            own.pop().close();
        }
    }

    @Test
    void signInIsKeyboardUsableAndLandsOnTheQueue(@TempDir Path dataDir) throws Exception {
        Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        own.push(console);
        String base = "http://127.0.0.1:" + console.httpPort();
        Seeder.send(console, dataDir, amysThreeAndBensSensitive());
        browser.get(base + "/login");
        browser.manage().deleteAllCookies(); // signed out, whatever ran in this browser before
        browser.get(base + "/");
        assertEquals("Sign in · Vigil", browser.getTitle());
        chromium.screenshot("01-login");
        assertEquals("username", browser.switchTo().activeElement().getAttribute("name"), "ready to type");
        new Actions(browser).sendKeys("admin", Keys.TAB, PASSWORD, Keys.ENTER).perform();
        chromium.waitForTitle("Two-factor sign-in · Vigil");
        assertEquals("code", browser.switchTo().activeElement().getAttribute("name"), "ready to type the code");
        new Actions(browser).sendKeys(Phone.freshCode(dataDir, AdminDsl.USERNAME), Keys.ENTER).perform();
        chromium.waitForTitle("Triage queue · Vigil");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertEquals("skip", browser.switchTo().activeElement().getAttribute("class"), "first Tab reaches the skip link");
        chromium.screenshot("02-queue");
        List<WebElement> rows = browser.findElements(By.cssSelector("#queue tbody tr"));
        assertEquals(4, rows.size());
        assertEquals("4", rows.get(0).findElement(By.cssSelector(".sev")).getText(), "most severe first");
        assertEquals("2", rows.get(3).findElement(By.cssSelector(".sev")).getText());
        assertNotPwned();
    }

    @Test
    void capturePageShowsHostileTextAsText() throws Exception {
        long hostileId = seed(hostile("dan"));
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + hostileId);
        WebElement typed = browser.findElement(By.cssSelector(".typed"));
        assertTrue(typed.getText().contains(HOSTILE), typed.getText());
        assertEquals("hurt myself", typed.findElement(By.tagName("mark")).getText());
        assertTrue(browser.findElement(By.cssSelector("dl.facts")).getText().contains("Chat " + HOSTILE));
        WebElement image = browser.findElement(By.cssSelector(".screenshot img"));
        assertTrue((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth === 480", image), "screenshot loads");
        browser.findElement(By.name("note")).sendKeys("Called parents " + HOSTILE);
        browser.findElement(By.xpath("//button[text()='Add note']")).click();
        chromium.waitForText(".notice", "Note added.");
        assertTrue(browser.findElement(By.cssSelector(".notes")).getText().contains("Called parents " + HOSTILE));
        browser.findElement(By.xpath("//button[text()='In review']")).click();
        chromium.waitForText(".notice", "Status is now In review.");
        chromium.screenshot("03-capture");
        assertNotPwned();
    }

    @Test
    void sensitiveScreenshotStaysHiddenUntilAReasonIsRecorded() throws Exception {
        long sensitiveId = seed(sensitive());
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + sensitiveId);
        assertTrue(browser.findElements(By.cssSelector(".screenshot img")).isEmpty(), "no image element at all");
        chromium.screenshot("04-capture-sensitive-hidden");
        browser.findElement(By.name("justification")).sendKeys("Disclosure to tutor; identify the other party");
        browser.findElement(By.xpath("//button[text()='Record reason and show image']")).click();
        chromium.waitForText(".notice", "Justification recorded");
        assertEquals(1, browser.findElements(By.cssSelector(".screenshot img")).size());
        chromium.screenshot("05-capture-sensitive-shown");
    }

    @Test
    void historiesAndAuditLogRender() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, amysThreeAndBensSensitive());
        long hostileId = ids.get(2);
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + ids.get(3)); // a reason recorded, for the audit log to show
        browser.findElement(By.name("justification")).sendKeys("Disclosure to tutor; identify the other party");
        browser.findElement(By.xpath("//button[text()='Record reason and show image']")).click();
        chromium.waitForText(".notice", "Justification recorded");
        browser.get(base + "/captures/" + hostileId);
        browser.findElement(By.linkText("amy")).click();
        chromium.waitForTitle("Pupil amy · Vigil");
        assertEquals(3, browser.findElements(By.cssSelector("table.grid tbody tr")).size(), "three categories");
        assertEquals(1, browser.findElements(By.cssSelector("form.subject-access button[type=submit]")).size(),
                "the subject access button (ADR 0143)");
        chromium.screenshot("06-pupil-history");
        browser.get(base + "/captures/" + hostileId);
        browser.findElement(By.cssSelector("a[href^='/history/device']")).click();
        chromium.waitForTitle("Device");
        assertEquals(0, browser.findElements(By.cssSelector("form.subject-access")).size(), "pupils only");
        chromium.screenshot("07-device-history");
        browser.get(base + "/audit");
        String audit = browser.findElement(By.cssSelector("table.audit")).getText();
        assertTrue(audit.contains("capture.screenshot.unblur"), audit);
        assertTrue(audit.contains("Disclosure to tutor; identify the other party"));
        chromium.screenshot("08-audit-log");
        assertNotPwned();
    }

    @Test
    void aNewSeverityFiveCaptureAppearsInTheOpenQueueWithoutAReload() throws Exception {
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
        Seeder.send(console, dataDir, List.of(Events.valid().setSeverity(5).setCategory("suicide").setUser("cal")
                .setMatchedText("end it all " + HOSTILE).build()));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("live-alert")));
        assertTrue(browser.findElement(By.id("live-alert")).getText().contains("Severity 5 capture just arrived"));
        WebElement first = browser.findElements(By.cssSelector("#queue tbody tr")).get(0);
        assertTrue(first.getText().contains("end it all " + HOSTILE), first.getText());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument"),
                "no reload happened");
        assertTrue(browser.getTitle().startsWith("(1) "));
        chromium.screenshot("09-queue-live-severity-5");
        assertNotPwned();
    }

    @Test
    void aCrossSiteFormPostChangesNothing() throws Exception {
        long hostileId = seed(hostile("eve"));
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + hostileId);
        browser.findElement(By.xpath("//button[text()='In review']")).click();
        chromium.waitForText(".notice", "Status is now In review.");
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<html><body><form id=f method=post action=\"" + base + "/captures/" + hostileId
                + "/status\"><input name=status value=ESCALATED></form><script>document.getElementById('f').submit()"
                + "</script></body></html>";
        attacker.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            // another site: "localhost" is not the console's 127.0.0.1, so the strict cookie stays home
            browser.get("http://localhost:" + attacker.getAddress().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(base));
        } finally {
            attacker.stop(0);
        }
        assertEquals("IN_REVIEW", Db.text(dataDir, "SELECT status FROM captures WHERE id = ?", hostileId));
    }

    @Test
    void usersPageCreatesAUserWhoMustChangeTheirPassword() throws Exception {
        long hostileId = seed(hostile("eve"));
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/users");
        browser.findElement(By.name("username")).sendKeys("it-tech");
        browser.findElement(By.name("role")).sendKeys("IT_ADMIN");
        browser.findElement(By.xpath("//button[text()='Add user']")).click();
        String oneTime = chromium.settled(By.cssSelector("#one-time-password code")).getText();
        chromium.screenshot("10-users");
        chromium.signOut();

        chromium.signIn(base, "it-tech", oneTime);
        chromium.waitForTitle("Change password · Vigil");
        chromium.screenshot("11-change-password");
        browser.findElement(By.name("current")).sendKeys(oneTime);
        browser.findElement(By.name("password")).sendKeys("it tech passphrase");
        browser.findElement(By.name("repeat")).sendKeys("it tech passphrase", Keys.ENTER);
        chromium.waitForTitle("Two-factor sign-in · Vigil"); // an IT admin must turn it on first
        String secret = browser.findElement(By.id("totp-secret")).getText();
        browser.findElement(By.name("code")).sendKeys(Phone.code(secret, Phone.now()), Keys.ENTER);
        chromium.settled(By.linkText("Continue")).click();
        chromium.waitForTitle("Overview · Vigil");
        chromium.screenshot("12-overview");
        assertFalse(browser.getPageSource().contains("hurt myself"), "figures only");

        browser.get(base + "/captures/" + hostileId);
        assertEquals("Forbidden · Vigil", browser.getTitle());
        assertFalse(browser.getPageSource().contains("hurt myself"));
        chromium.screenshot("13-forbidden-for-it-admin");
        chromium.signOut();
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = 'it-tech'"));
    }

    @Test
    void itEditsTestsComparesAndRestoresTheWordlistsAndAMalformedEditChangesNothing() throws Exception {
        ui.newUser("it-lists", "IT_ADMIN");
        String seeded = console.policies().current().change().version();
        chromium.signIn(base, "it-lists", "it-lists passphrase");
        browser.get(base + "/wordlists");
        assertEquals("Wordlists · Vigil", browser.getTitle());
        testText("we played lucky spin", "No entry matches.");

        browser.findElement(By.linkText("gambling")).click();
        WebElement entries = chromium.settled(By.name("text"));
        entries.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n9 | lucky spin");
        browser.findElement(By.xpath("//button[text()='Publish']")).click();
        String error = chromium.settled(By.id("wordlist-error")).getText();
        assertTrue(error.contains("gambling.txt:") && error.contains("severity must be a number from 1 to 5"), error);
        chromium.screenshot("14-wordlist-refused");
        assertEquals(seeded, console.policies().current().change().version(), "a refused edit changes nothing");

        String fixed = browser.findElement(By.name("text")).getAttribute("value").replace("9 | lucky spin", "3 | lucky spin");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.name("text")), fixed);
        browser.findElement(By.name("reason")).sendKeys("pupils talk about a new slot app");
        browser.findElement(By.xpath("//button[text()='Publish']")).click();
        chromium.waitForText("#wordlist-notice", "Published version");
        String published = console.policies().current().change().version();
        assertEquals(published, browser.findElement(By.id("current-version")).getText());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'policy.edit'"
                + " AND actor = 'it-lists' AND detail = 'pupils talk about a new slot app' AND target = ?",
                "policy:" + published));
        testText("we played lucky spin", "\"lucky spin\"");
        chromium.screenshot("15-wordlist-tested");

        browser.findElement(By.linkText("Compare with previous")).click();
        String diff = chromium.settled(By.id("diff")).getText();
        assertTrue(diff.contains("ADDED gambling 3 | lucky spin"), diff);
        chromium.screenshot("16-wordlist-diff");

        browser.findElement(By.xpath("//button[text()='Restore']")).click();
        chromium.waitForText("#wordlist-notice", "Restored");
        assertEquals(seeded, console.policies().current().change().version());
        chromium.signOut();
    }

    /** Submits the test box; the page it replaces has no result, so the wait sees only the new one. */
    private static void testText(String sample, String expected) {
        WebElement box = browser.findElement(By.name("sample"));
        box.clear();
        box.sendKeys(sample);
        browser.findElement(By.xpath("//button[text()='Test']")).click();
        String result = new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> d.findElement(By.id("test-result")).getText());
        assertTrue(result.contains(expected), result);
    }

    @Test
    void aDslClosesAnEscalatedCaptureWithAnOutcomeAndFindsItOnTheClosedTab() throws Exception {
        long id = seed(Events.valid().setSeverity(5).setCategory("suicide").setUser("eve").build());
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + id);
        browser.findElement(By.xpath("//button[text()='In review']")).click();
        chromium.waitForText(".notice", "Status is now In review.");
        browser.findElement(By.xpath("//button[text()='Escalated']")).click();
        chromium.waitForText(".notice", "Status is now Escalated.");
        new Select(browser.findElement(By.cssSelector("#close-case select[name='outcome']")))
                .selectByVisibleText("Referred to children's social care / MASH");
        String escalatedTo = "MASH duty social worker, ref 12345 " + HOSTILE;
        browser.findElement(By.cssSelector("#close-case input[name='escalated_to']")).sendKeys(escalatedTo);
        chromium.screenshot("17-capture-close-form");
        browser.findElement(By.xpath("//button[text()='Close the case']")).click();
        chromium.waitForText(".notice", "Closed.");
        String closure = browser.findElement(By.id("closure")).getText();
        assertTrue(closure.contains("Referred to children's social care / MASH"), closure);
        assertTrue(closure.contains(escalatedTo), "shown as text, as typed: " + closure);
        assertTrue(browser.findElements(By.id("close-case")).isEmpty(), "Closed is final");
        chromium.screenshot("18-capture-closed");
        assertNotPwned();

        browser.get(base + "/captures");
        browser.findElement(By.linkText("Closed")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("status=CLOSED"));
        assertTrue(browser.getCurrentUrl().endsWith("/captures?status=CLOSED"), browser.getCurrentUrl());
        WebElement row = browser.findElement(By.cssSelector("#queue tbody tr a[href='/captures/" + id + "']"));
        assertTrue(row.isDisplayed());
        assertEquals("Closed", browser.findElement(By.xpath("//a[@href='/captures/" + id + "']/ancestor::tr"))
                .findElement(By.cssSelector(".status")).getText());
        chromium.screenshot("19-queue-closed-tab");
        assertNotPwned();
    }

    private static void assertNotPwned() {
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"), "hostile text ran as script");
    }

    /** Sends one event to the class's console as a new device would; returns the id of the capture it became. */
    private static long seed(Event event) throws Exception {
        return Seeder.send(console, dataDir, List.of(event)).get(0);
    }

    /** Amy's bullying, drugs and hostile self-harm captures, then Ben's sensitive one. */
    private static List<Event> amysThreeAndBensSensitive() throws IOException {
        return List.of(
                Events.valid().setSeverity(2).setCategory("bullying").setUser("amy").setMatchedText("loser").build(),
                Events.valid().setSeverity(3).setCategory("drugs").setUser("amy").setMatchedText("weed").build(),
                hostile("amy"), sensitive());
    }

    /** Self-harm, with hostile markup in the window title and the typed text, and a screenshot. */
    private static Event hostile(String pupil) throws IOException {
        String context = "they said " + HOSTILE + " so i want to hurt myself";
        return withImage(Events.valid().setSeverity(4).setUser(pupil).setWindowTitle("Chat " + HOSTILE)
                .setContext(context).setMatchStart(context.indexOf("hurt myself"))
                .setMatchEnd(context.indexOf("hurt myself") + 11)).build();
    }

    /** Sexual content with a screenshot, which stays hidden until a reason is recorded. */
    private static Event sensitive() throws IOException {
        return withImage(Events.valid().setSeverity(4).setCategory("sexual-content").setUser("ben")
                .setMatchedText("nudes")).build();
    }

    private static Event.Builder withImage(Event.Builder event) throws IOException {
        BufferedImage image = new BufferedImage(480, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xE8EEF7));
        g.fillRect(0, 0, 480, 300);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        g.drawString("A pupil's screen at the time", 40, 150);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return event.setScreenshot(Screenshot.newBuilder().setMediaType("image/png")
                .setData(ByteString.copyFrom(png.toByteArray())).setWidth(480).setHeight(300));
    }
}
