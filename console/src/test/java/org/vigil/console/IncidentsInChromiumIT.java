package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Incidents and the bulk false positive with per-row reasons in a real headless Chromium: a DSL links queue rows of
 * two pupils into an incident, triages it (every capture moves with it), closes it with an outcome, and marks a
 * selection with severity 4-5 rows as false positive with a reason for each. Screenshots 6a-… in target/screenshots.
 */
@Tag("e2e")
class IncidentsInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    /** Would set a flag if it ever ran as script. */
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() {
        chromium = ui.chromium();
        browser = ui.browser();
        base = ui.base();
    }

    @Test
    void aDslLinksQueueRowsIntoAnIncidentTriagesItTogetherAndClosesItWithAnOutcome() throws Exception {
        List<Long> ids = Seeder.send(ui.console(), ui.dataDir(), List.of(
                Events.valid().setSeverity(5).setCategory("suicide").setUser("amy-c").build(),
                Events.valid().setSeverity(4).setCategory("bullying").setUser("ben-c").build(),
                Events.valid().setSeverity(3).setCategory("bullying").setUser("amy-c").build()));
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures");
        for (long id : ids) {
            tick(id);
        }
        String title = "Year 9 group chat " + HOSTILE;
        browser.findElement(By.cssSelector("#bulk input[name='title']")).sendKeys(title);
        chromium.screenshot("6a-queue-link-selection");
        browser.findElement(By.id("bulk-new-incident")).click();
        chromium.waitForTitle("Incident ");
        assertTrue(browser.findElement(By.cssSelector("h1")).getText().contains(title), "the title shows as text");
        assertEquals(3, browser.findElements(By.cssSelector("#members tbody tr")).size());
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText().contains("made with 3 captures"));
        chromium.screenshot("6b-incident-new");

        browser.findElement(By.xpath("//button[text()='In review']")).click();
        chromium.waitForText(".notice", "Incident and its captures are now In review.");
        browser.findElement(By.xpath("//button[text()='Escalated']")).click();
        chromium.waitForText(".notice", "Incident and its captures are now Escalated.");
        for (WebElement status : browser.findElements(By.cssSelector("#members tbody .status"))) {
            assertEquals("Escalated", status.getText(), "every capture moved with the incident");
        }
        browser.findElement(By.name("note")).sendKeys("Spoke to both form tutors " + HOSTILE);
        browser.findElement(By.xpath("//button[text()='Add note']")).click();
        chromium.waitForText(".notice", "Note added.");
        assertTrue(browser.findElement(By.id("incident-notes")).getText().contains(HOSTILE));
        chromium.screenshot("6c-incident-escalated");

        new Select(browser.findElement(By.cssSelector("#close-incident select[name='outcome']")))
                .selectByVisibleText("Referred to children's social care / MASH");
        String escalatedTo = "MASH duty social worker, ref 12345 " + HOSTILE;
        browser.findElement(By.cssSelector("#close-incident input[name='escalated_to']")).sendKeys(escalatedTo);
        chromium.screenshot("6d-incident-close-form");
        browser.findElement(By.xpath("//button[text()='Close the incident']")).click();
        chromium.waitForText(".notice", "Incident and its captures are closed.");
        String closure = browser.findElement(By.id("closure")).getText();
        assertTrue(closure.contains("Referred to children's social care / MASH") && closure.contains(escalatedTo),
                closure);
        for (WebElement status : browser.findElements(By.cssSelector("#members tbody .status"))) {
            assertEquals("Closed", status.getText());
        }
        assertTrue(browser.findElements(By.id("close-incident")).isEmpty(), "Closed is final");
        chromium.screenshot("6e-incident-closed");
        assertNotPwned();

        browser.get(base + "/captures/" + ids.get(1));
        WebElement link = browser.findElement(By.id("incident-link"));
        assertTrue(link.getText().contains(title), link.getText());
        chromium.screenshot("6f-capture-in-incident");
        link.click();
        chromium.waitForTitle("Incident ");
        browser.get(base + "/incidents");
        assertTrue(browser.findElement(By.id("incidents")).getText().contains(title));
        chromium.screenshot("6g-incidents-list");
        assertNotPwned();
        assertEquals("CLOSED", Db.text(ui.dataDir(), "SELECT status FROM captures WHERE id = ?", ids.get(0)));
    }

    @Test
    void aBulkFalsePositiveAsksAReasonForEachSevereRowAndRefusesOneWithout() throws Exception {
        List<Long> ids = Seeder.send(ui.console(), ui.dataDir(), List.of(
                Events.valid().setSeverity(2).setUser("fp-c").build(),
                Events.valid().setSeverity(5).setUser("fp-c").build(),
                Events.valid().setSeverity(4).setUser("fp-c").build()));
        long five = ids.get(1);
        long four = ids.get(2);
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures?pupil=fp-c");
        for (long id : ids) {
            tick(id);
        }
        browser.findElement(By.id("bulk-false-positive")).click();
        chromium.waitForTitle("Confirm false positives");
        assertTrue(browser.findElement(By.id("bulk-message")).getText().contains("2 ticked captures are severity 4-5"));
        assertEquals(2, browser.findElements(By.cssSelector("#bulk-confirm textarea")).size());
        chromium.screenshot("6h-bulk-false-positive-reasons-asked");

        browser.findElement(By.name("reason-" + five)).sendKeys("Quoting the class novel " + HOSTILE);
        // an older browser would send the form without the empty field; the console must refuse it itself
        ((JavascriptExecutor) browser).executeScript("document.querySelector(\"[name='reason-" + four
                + "']\").removeAttribute('required')");
        browser.findElement(By.xpath("//button[starts-with(text(), 'Mark all 3')]")).click();
        chromium.waitForText("#bulk-message", "Nothing changed: capture " + four + " (severity 4) needs a reason");
        assertEquals("NEW", Db.text(ui.dataDir(), "SELECT status FROM captures WHERE id = ?", five));
        assertTrue(browser.findElement(By.name("reason-" + five)).getAttribute("value").contains(HOSTILE),
                "what was written is kept");
        chromium.screenshot("6i-bulk-false-positive-reason-missing");

        browser.findElement(By.name("reason-" + four)).sendKeys("A spelling list for science");
        browser.findElement(By.xpath("//button[starts-with(text(), 'Mark all 3')]")).click();
        chromium.waitForText(".notice", "3 marked false positive.");
        chromium.screenshot("6j-bulk-false-positive-done");
        for (long id : ids) {
            assertEquals("FALSE_POSITIVE", Db.text(ui.dataDir(), "SELECT status FROM captures WHERE id = ?", id));
        }
        browser.get(base + "/captures/" + four);
        assertTrue(browser.findElement(By.cssSelector(".notes")).getText()
                .contains("False positive: A spelling list for science"));
        assertNotPwned();
    }

    private static void tick(long captureId) {
        browser.findElement(By.cssSelector("#queue input[name='capture'][value='" + captureId + "']")).click();
    }

    private static void assertNotPwned() {
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned"), "hostile text ran as script");
    }
}
