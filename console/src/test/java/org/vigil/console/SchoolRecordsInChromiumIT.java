package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A school's incidents, audit log and devices in a real Chromium (issue 17, ADR 0197, 0198): a DSL links their
 * school's capture into an incident and reads their school's audit entries; the other school's DSL gets the
 * Forbidden page (audited) for that incident and none of those entries; trust IT moves a device to the other school
 * on the devices page.
 */
@Tag("e2e")
class SchoolRecordsInChromiumIT {
    private static final String PASSWORD = "school records in chromium password";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(ui.console(), PASSWORD);
        schools.newTrustIt();
    }

    @Test
    void aSchoolsIncidentAndAuditEntriesAreTheirsAndTrustItMovesADeviceBetweenSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        long mainCapture = schools.main().captureId();
        chromium.signIn(ui.base(), "main-dsl", "main-dsl passphrase");
        browser.get(ui.base() + "/captures/" + mainCapture);
        chromium.waitForTitle("Capture " + mainCapture);
        WebElement form = browser.findElement(By.id("add-to-incident"));
        form.findElement(By.name("title")).sendKeys("Year 9 chat");
        form.findElement(By.xpath(".//button[not(@formaction)]")).click();
        chromium.waitForTitle("Incident ");
        long incident = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/incidents/", ""));
        browser.get(ui.base() + "/audit");
        chromium.waitForTitle("Audit log");
        assertTrue(browser.getPageSource().contains("incident:" + incident));
        assertFalse(browser.getPageSource().contains("capture:" + schools.oak().captureId() + "<"),
                "none of the other school's entries");
        chromium.screenshot("school-records-01-audit-of-one-school");

        chromium.signIn(ui.base(), "oak-dsl", "oak-dsl passphrase");
        browser.get(ui.base() + "/incidents/" + incident);
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("Year 9 chat"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'oak-dsl'"
                + " AND action = 'access.denied' AND target = ?", "incident:" + incident));
        chromium.screenshot("school-records-02-other-schools-incident-forbidden");
        browser.get(ui.base() + "/incidents");
        chromium.waitForTitle("Incidents");
        assertFalse(browser.getPageSource().contains("Year 9 chat"));
        browser.get(ui.base() + "/audit");
        chromium.waitForTitle("Audit log");
        assertFalse(browser.getPageSource().contains("incident:" + incident + "<"), "main's incident is not listed");

        chromium.signIn(ui.base(), "trust-it", "trust-it passphrase");
        browser.get(ui.base() + "/devices");
        chromium.waitForTitle("Devices");
        String device = schools.main().deviceId();
        WebElement row = browser.findElement(By.cssSelector("tr[data-device='" + device + "']"));
        new Select(row.findElement(By.name("school"))).selectByValue("oak");
        row.findElement(By.xpath(".//button[text()='Move to school']")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("Its captures so far stay with"));
        chromium.screenshot("school-records-03-device-moved-to-another-school");
        assertEquals(2, Db.count(ui.dataDir(), "SELECT school_id FROM devices WHERE id = ?", device));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT school_id FROM captures WHERE id = ?", mainCapture),
                "its capture stays with the school that recorded it");
    }
}
