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
import org.openqa.selenium.support.ui.Select;

/**
 * Alert rules per school in a real Chromium (issue 17, ADR 0204): a school's DSL opens Alert rules from the menu,
 * sees their school's page with the trust's rules in force after its own, adds a rule and sets school hours for
 * their school only (stored with the school, audited naming it), and gets the Forbidden page (audited) for the
 * other school's rules.
 */
@Tag("e2e")
class AlertRulesPerSchoolInChromiumIT {
    private static final String PASSWORD = "alert rules per school in chromium";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);

    @BeforeAll
    static void twoSchools() throws Exception {
        TwoSchools.seed(ui.console(), PASSWORD);
    }

    @Test
    void aSchoolsDslAddsARuleAndHoursForTheirSchoolAndIsRefusedTheOtherSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "main-dsl", "main-dsl passphrase");
        browser.findElement(By.linkText("Alert rules")).click();
        chromium.waitForTitle("Alert rules: ");
        assertEquals("main", browser.findElement(By.id("alerts-school")).getAttribute("data-school"));
        assertTrue(browser.findElement(By.id("rule-words")).getText().contains("(the trust's)"),
                "the trust's rules are in force after the school's own");

        WebElement form = browser.findElement(By.id("add-rule"));
        new Select(form.findElement(By.name("min_severity"))).selectByVisibleText("2");
        new Select(form.findElement(By.name("max_severity"))).selectByVisibleText("2");
        new Select(form.findElement(By.name("category"))).selectByVisibleText("bullying");
        new Select(form.findElement(By.name("action"))).selectByVisibleText("put in the morning digest");
        form.findElement(By.xpath(".//button[text()='Add rule']")).click();
        chromium.waitForText("#notice", "Rule added");
        String words = chromium.settled(By.id("rule-words")).getText();
        assertTrue(words.startsWith("Severity 2, category bullying, at any time: put in the morning digest"), words);

        WebElement hours = browser.findElement(By.id("school-hours"));
        setTime(browser, hours.findElement(By.name("starts")), "09:00");
        setTime(browser, hours.findElement(By.name("ends")), "15:00");
        hours.findElement(By.xpath(".//button[text()='Save school hours']")).click();
        chromium.waitForText("#notice", "School hours saved.");
        assertTrue(browser.findElements(By.id("hours-inherit")).size() == 1, "a way back to the trust's hours");
        chromium.screenshot("alert-rules-per-school-01-rule-and-hours");

        assertEquals(1, Db.count(ui.dataDir(), "SELECT school_id FROM alert_rules WHERE category = 'bullying'"));
        assertEquals("09:00-15:00", Db.text(ui.dataDir(), "SELECT starts || '-' || ends FROM alert_hours_per_school"
                + " WHERE school_id = 1"));
        assertEquals("08:30-15:30", Db.text(ui.dataDir(), "SELECT starts || '-' || ends FROM alert_school_hours"),
                "the trust's hours are untouched");
        assertEquals(2, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-dsl'"
                + " AND action IN ('alert.rule.add', 'alert.hours.change') AND detail LIKE 'school main (%'"));

        browser.get(ui.base() + "/alerts/rules?school=oak");
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("Oak Academy"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-dsl'"
                + " AND action = 'access.denied' AND target = 'school:oak'"));
        chromium.screenshot("alert-rules-per-school-02-other-school-forbidden");
    }

    /** Sets a time input's value as typing would (key entry into time fields depends on the locale). */
    private static void setTime(ChromeDriver browser, WebElement input, String value) {
        browser.executeScript("arguments[0].value = arguments[1];", input, value);
    }
}
