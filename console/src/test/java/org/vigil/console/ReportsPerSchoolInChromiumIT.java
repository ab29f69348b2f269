package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Reports per school in a real Chromium (issue 17, ADR 0195): a school's DSL reads their school's report, not a
 * Forbidden page, and gets the Forbidden page (audited) for the other school's by URL; a trust-level DSL reads both
 * schools with a line for each and chooses one school on the form.
 */
@Tag("e2e")
class ReportsPerSchoolInChromiumIT {
    private static final String PASSWORD = "reports per school in chromium";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(ui.console(), PASSWORD);
        for (int i = 0; i < 3; i++) {
            schools.sendFrom(schools.oak(), Events.valid().setCategory("bullying").setRuleId("bullying.txt:1")
                    .build());
        }
    }

    @Test
    void aDslReadsTheirSchoolsReportAndATrustDslChoosesBetweenSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "main-dsl", "main-dsl passphrase");
        browser.get(ui.base() + "/reports");
        chromium.waitForTitle("Reports");
        assertEquals("1", browser.findElement(By.id("total-concerns")).getText());
        assertTrue(browser.findElements(By.id("category-bullying")).isEmpty(), "none of oak's captures");
        chromium.screenshot("reports-per-school-01-one-school");

        browser.get(ui.base() + "/reports?school=oak");
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("bullying"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-dsl'"
                + " AND action = 'access.denied' AND target = 'school:oak'"));
        chromium.screenshot("reports-per-school-02-other-school-forbidden");

        chromium.signIn(ui.base(), "trust-dsl", "trust-dsl passphrase");
        browser.get(ui.base() + "/reports");
        chromium.waitForTitle("Reports");
        assertEquals("5", browser.findElement(By.id("total-concerns")).getText());
        assertTrue(browser.findElement(By.id("report-per-school")).getText().contains("Oak Academy"));
        chromium.screenshot("reports-per-school-03-trust-both-schools");
        new Select(browser.findElement(By.id("report-school"))).selectByValue("oak");
        browser.findElement(By.cssSelector("form.report-range button[type=submit]")).click();
        chromium.waitForTitle("Reports");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("school=oak"));
        assertEquals("4", browser.findElement(By.id("total-concerns")).getText());
        assertTrue(browser.findElements(By.id("report-per-school")).isEmpty());
        chromium.screenshot("reports-per-school-04-trust-one-school");
    }
}
