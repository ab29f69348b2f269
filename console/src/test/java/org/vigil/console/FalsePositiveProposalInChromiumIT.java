package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * False-positive feedback end to end in a real headless Chromium: the DSL marks a capture as a false positive and
 * consents to proposing the exception; IT accepts it in one click without seeing the capture; the new policy
 * version no longer matches the innocent phrase but still matches a real disclosure. Screenshots 3a-3e.
 */
@Tag("e2e")
class FalsePositiveProposalInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String IT_PASSWORD = "it-tech passphrase";
    private static final String CONTEXT = "i cut myself shaving this morning";
    private static final String PUPIL = "pupil-omega-2291";
    private static final String WINDOW = "Homework chat <script>window.pwned=1</script>";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    private static Console console;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;
    private static long captureId;

    @BeforeAll
    static void start() throws Exception {
        console = ui.console();
        dataDir = ui.dataDir();
        base = ui.base();
        // The shipped self-harm list already excepts "cut myself shaving": start from a school's list without it.
        String selfHarm = console.policies().current().bundle().files().get("self-harm.txt");
        console.policies().editCategory("self-harm", selfHarm.replace("except: cut myself shaving; ", "except: "),
                "admin", Optional.of("test: before 'cut myself shaving' was an exception"));
        int start = CONTEXT.indexOf("cut myself");
        captureId = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setUser(PUPIL)
                .setWindowTitle(WINDOW).setCategory("self-harm").setSeverity(4).setRuleId("self-harm.txt:8")
                .setMatchedText("cut myself").setContext(CONTEXT).setMatchStart(start).setMatchEnd(start + 10)
                .build())).get(0);
        ui.newUser("it-tech", "IT_ADMIN");
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @Test
    void dslProposesTheExceptionAndItAcceptsItInOneClickIntoTheNextVersion() throws Exception {
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + captureId);
        WebElement phrase = chromium.settled(By.name("phrase"));
        assertEquals("cut myself shaving", phrase.getAttribute("value"));
        WebElement consent = browser.findElement(By.name("propose"));
        assertFalse(consent.isSelected(), "the DSL opts in");
        chromium.screenshot("3a-capture-false-positive-proposal");
        consent.click();
        browser.findElement(By.cssSelector("#false-positive textarea[name='reason']"))
                .sendKeys("Pupil cut themselves shaving; checked with form tutor");
        browser.findElement(By.xpath("//button[text()='False positive']")).click();
        chromium.waitForText(".notice", "proposed to IT");
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText()
                .contains("Exception \"cut myself shaving\" proposed to IT"));
        chromium.screenshot("3b-capture-proposed");
        assertNotPwned();
        chromium.signOut();

        chromium.signIn(base, "it-tech", IT_PASSWORD);
        browser.get(base + "/wordlists");
        String before = chromium.settled(By.id("current-version")).getText();
        browser.findElement(By.id("proposals-link")).click();
        chromium.waitForTitle("Exception proposals");
        String pending = browser.findElement(By.id("pending")).getText();
        assertTrue(pending.contains("self-harm") && pending.contains("cut myself shaving") && pending.contains("admin"),
                pending);
        String page = browser.findElement(By.tagName("main")).getText();
        for (String secret : List.of(PUPIL, "Homework chat", "this morning", "lab-")) {
            assertFalse(page.contains(secret), "IT must not see " + secret);
        }
        assertTrue(browser.findElements(By.cssSelector("main a[href^='/captures']")).isEmpty());
        chromium.screenshot("3c-proposals-pending");
        browser.findElement(By.xpath("//button[text()='Accept']")).click();
        chromium.waitForText("#proposal-notice", "Accepted proposal");
        assertTrue(browser.findElements(By.id("pending")).isEmpty());
        assertTrue(browser.findElement(By.id("decided")).getText().contains("accepted by it-tech"));
        chromium.screenshot("3d-proposal-accepted");

        browser.get(base + "/wordlists");
        String after = chromium.settled(By.id("current-version")).getText();
        assertFalse(after.equals(before), "a new policy version is in force");
        assertEquals(console.policies().current().change().version(), after);
        testText("i cut myself shaving", "No entry matches.");
        testText("i cut myself again", "\"cut myself\"");
        chromium.screenshot("3e-wordlist-test-after-accept");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'proposal.accept'"
                + " AND actor = 'it-tech'"));
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
        assertTrue(result.contains(expected), sample + ": " + result);
    }

    private static void assertNotPwned() {
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"), "hostile text ran as script");
    }
}
