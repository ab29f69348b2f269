package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Settings per school in a real Chromium (issue 17, ADR 0191): a school's IT admin opens Settings from the menu,
 * sees their school's values with the trust's defaults beside them, changes their school's sign-in notice (stored
 * for that school only, audited naming it), and gets the Forbidden page (audited) for the other school's settings.
 */
@Tag("e2e")
class SettingsPerSchoolInChromiumIT {
    private static final String PASSWORD = "settings per school in chromium";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);

    @BeforeAll
    static void twoSchools() throws Exception {
        TwoSchools.seed(ui.console(), PASSWORD);
    }

    @Test
    void aSchoolsItAdminEditsTheirSchoolsNoticeTextAndIsRefusedTheOtherSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "main-it", "main-it passphrase");
        browser.findElement(By.linkText("Settings")).click();
        chromium.waitForTitle("Settings: ");
        assertEquals("main", browser.findElement(By.id("settings-school")).getAttribute("data-school"));
        WebElement row = browser.findElement(By.id("setting-NOTICE_TEXT"));
        assertTrue(row.getText().contains("The trust's default (this school has not set its own)"), row.getText());

        String text = "Main school laptops are monitored for safeguarding.";
        WebElement field = row.findElement(By.name("value"));
        field.clear();
        field.sendKeys(text);
        row.findElement(By.xpath(".//button[text()='Save']")).click();
        chromium.waitForTitle("Settings: ");
        assertTrue(browser.findElement(By.id("settings-notice")).getText().contains("Saved"));
        WebElement saved = browser.findElement(By.id("setting-NOTICE_TEXT"));
        assertEquals(text, saved.findElement(By.name("value")).getAttribute("value"));
        assertTrue(saved.getText().contains("The trust's default: This device is monitored"), saved.getText());
        chromium.screenshot("settings-per-school-01-notice-saved");
        assertEquals(text, Db.text(ui.dataDir(), "SELECT value FROM school_settings WHERE school_id = 1"
                + " AND key = 'agent.notice_text'"));
        assertEquals(0, Db.count(ui.dataDir(), "SELECT count(*) FROM school_settings WHERE school_id IS NULL"
                + " AND key = 'agent.notice_text'"), "the trust's default is untouched");
        assertTrue(Db.text(ui.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'main-it'"
                + " AND action = 'settings.change'").startsWith("school main ("));

        browser.get(ui.base() + "/settings?school=oak");
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("Oak Academy"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-it'"
                + " AND action = 'access.denied' AND target = 'school:oak'"));
        chromium.screenshot("settings-per-school-02-other-school-forbidden");
    }
}
