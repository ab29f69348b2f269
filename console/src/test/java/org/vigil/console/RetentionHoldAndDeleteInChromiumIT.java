package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Retention settings, legal holds, "delete now" and the printed capture in a real headless Chromium (issue 14): a
 * DSL sets a retention period, places a hold on a pupil and sees it marked, lifts it, asks to delete a severity-5
 * capture that a second DSL then confirms, and prints a capture without its forms. Screenshots 7a-… in
 * target/screenshots.
 */
@Tag("e2e")
class RetentionHoldAndDeleteInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">";

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
    void aDslSetsRetentionHoldsAPupilLiftsItAndPrintsACleanPage() throws Exception {
        long id = Seeder.send(ui.console(), ui.dataDir(), List.of(Events.withScreenshot().setSeverity(3)
                .setUser("hold-c").build())).get(0);
        chromium.signIn(base, "admin", PASSWORD);

        browser.get(base + "/settings");
        WebElement days = browser.findElement(By.cssSelector("#setting-RETENTION_FALSE_POSITIVE_DAYS input[name='value']"));
        days.clear();
        days.sendKeys("21");
        browser.findElement(By.cssSelector("#setting-RETENTION_FALSE_POSITIVE_DAYS button")).click();
        chromium.waitForTitle("Settings");
        assertEquals("21", browser.findElement(By.cssSelector(
                "#setting-RETENTION_FALSE_POSITIVE_DAYS input[name='value']")).getAttribute("value"));
        chromium.screenshot("7a-settings-retention");

        browser.get(base + "/captures/" + id);
        new Select(browser.findElement(By.cssSelector("#place-hold select[name='scope']"))).selectByValue("PUPIL");
        browser.findElement(By.cssSelector("#place-hold input[name='hold_reason']")).sendKeys("police ref 44/123 " + HOSTILE);
        browser.findElement(By.cssSelector("#place-hold button")).click();
        chromium.waitForText(".notice", "placed");
        String hold = browser.findElement(By.id("legal-hold")).getText();
        assertTrue(hold.contains("on pupil hold-c: police ref 44/123 " + HOSTILE), hold);
        assertTrue(browser.findElements(By.cssSelector("#delete-now details")).isEmpty(), "no deleting while held");
        chromium.screenshot("7b-capture-on-hold");

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(browser.findElement(By.id("place-hold")).isDisplayed(), "printed without forms");
            assertFalse(browser.findElement(By.cssSelector("header.top")).isDisplayed(), "printed without the menu");
            assertTrue(browser.findElement(By.cssSelector(".typed")).isDisplayed(), "the typed text is printed");
            chromium.screenshot("7c-capture-as-printed");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        browser.findElement(By.cssSelector("#legal-hold input[name='lift_reason']")).sendKeys("CPS: no further action");
        browser.findElement(By.cssSelector("#legal-hold button")).click();
        chromium.waitForText(".notice", "lifted");
        assertTrue(browser.findElements(By.id("legal-hold")).isEmpty());
        assertEquals(null, browser.executeScript("return window.pwned"));
    }

    @Test
    void aSevereCaptureIsDeletedOnlyWhenASecondDslConfirms() throws Exception {
        long id = Seeder.send(ui.console(), ui.dataDir(), List.of(Events.valid().setSeverity(5)
                .setUser("delete-c").build())).get(0);
        WebSession second = WebSession.newUser(ui.console(), WebSession.signIn(ui.console(), "admin", PASSWORD),
                "second-dsl-c", "DSL");
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/captures/" + id);
        browser.findElement(By.cssSelector("#delete-now summary")).click();
        browser.findElement(By.cssSelector("#delete-now textarea[name='deletion_reason']"))
                .sendKeys("the IT technician testing the wordlist");
        chromium.screenshot("7d-delete-now-form");
        browser.findElement(By.cssSelector("#delete-now button")).click();
        chromium.waitForText(".notice", "another DSL must confirm");
        assertTrue(browser.findElement(By.id("delete-now")).getText().contains("Another DSL must confirm it."));
        chromium.screenshot("7e-delete-waiting");

        assertEquals(303, second.post("/captures/" + id + "/delete/confirm", Map.of()).statusCode());
        browser.get(base + "/captures/" + id);
        assertTrue(browser.getPageSource().contains("There is no such capture."));
        assertEquals(0, Db.count(ui.dataDir(), "SELECT count(*) FROM captures WHERE id = ?", id));
    }
}
