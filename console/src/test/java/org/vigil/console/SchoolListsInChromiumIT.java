package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Lists per school in a real Chromium (ADR 0193): a school's IT follows the menu to their school's lists, switches
 * a category off for the school and sees it published; the other school's lists by URL are the Forbidden page, and
 * the refusal is audited.
 */
@Tag("e2e")
class SchoolListsInChromiumIT {
    private static final String PASSWORD = "school lists in chromium password";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);

    @BeforeAll
    static void twoSchools() throws Exception {
        TwoSchools schools = TwoSchools.seed(ui.console(), PASSWORD);
        schools.newOakIt();
    }

    @Test
    void aSchoolsItChangesTheirListsInTheBrowserAndIsRefusedTheOtherSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "oak-it", "oak-it passphrase");
        browser.get(ui.base() + "/devices");
        browser.findElement(By.linkText("Lists")).click();
        chromium.waitForTitle("Lists of Oak Academy");

        WebElement changes = browser.findElement(By.cssSelector("#school-file-form textarea[name=text]"));
        changes.clear();
        changes.sendKeys("# Oak: a primary school\noff gambling\n");
        browser.findElement(By.cssSelector("#school-file-form input[name=reason]")).sendKeys("primary school");
        browser.findElement(By.cssSelector("#school-file-form button[type=submit]")).click();
        chromium.waitForTitle("Lists of Oak Academy");
        assertTrue(browser.findElement(By.id("lists-notice")).getText().contains("Published school.txt"));
        assertTrue(browser.getPageSource().contains("off gambling"));
        assertTrue(browser.findElement(By.id("school-changes")).getText().contains("primary school"));
        chromium.screenshot("school-lists-01-oak-changes-published");

        browser.get(ui.base() + "/lists?school=main");
        chromium.waitForTitle("Forbidden");
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'oak-it'"
                + " AND action = 'access.denied' AND target = 'school:main'"));
        assertEquals(0, Db.count(ui.dataDir(), "SELECT count(*) FROM policy_changes WHERE school_id = 1"));
        chromium.screenshot("school-lists-02-other-schools-lists-forbidden");
    }
}
