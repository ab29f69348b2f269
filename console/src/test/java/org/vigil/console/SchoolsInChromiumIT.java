package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Schools as tenants in a real Chromium (issue 17, ADR 0176): a DSL of one school sees only their school's
 * captures in the queue, also as they arrive live, and gets the Forbidden page (audited) for the other school's
 * capture; a trust-level DSL over both sees both.
 */
@Tag("e2e")
class SchoolsInChromiumIT {
    private static final String PASSWORD = "schools in chromium password";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(ui.console(), PASSWORD);
    }

    @Test
    void aDslSeesOnlyTheirSchoolInTheQueueLiveAndOnACapturePageAndATrustDslSeesBoth() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "main-dsl", "main-dsl passphrase");
        browser.get(ui.base() + "/captures?status=ALL");
        chromium.waitForTitle("Triage queue");
        assertTrue(browser.getPageSource().contains("main-pupil"));
        assertFalse(browser.getPageSource().contains("oak-pupil"));

        schools.sendFrom(schools.oak(), Events.valid().setUser("oak-live").build());
        schools.sendFrom(schools.main(), Events.valid().setUser("main-live").build());
        new WebDriverWait(browser, WAIT).until(d -> d.getPageSource().contains("main-live"));
        assertFalse(browser.getPageSource().contains("oak-live"), "the other school's new capture is not shown");
        chromium.screenshot("schools-01-queue-of-one-school");

        long oakCapture = schools.oak().captureId();
        browser.get(ui.base() + "/captures/" + oakCapture);
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("oak-pupil"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'main-dsl'"
                + " AND action = 'access.denied' AND target = ?", "capture:" + oakCapture));
        chromium.screenshot("schools-02-other-schools-capture-forbidden");

        chromium.signIn(ui.base(), "trust-dsl", "trust-dsl passphrase");
        browser.get(ui.base() + "/captures?status=ALL");
        chromium.waitForTitle("Triage queue");
        assertTrue(browser.getPageSource().contains("main-pupil") && browser.getPageSource().contains("oak-pupil"));
        browser.get(ui.base() + "/captures/" + oakCapture);
        chromium.waitForTitle("Capture " + oakCapture);
        assertTrue(browser.getPageSource().contains("oak-pupil"));
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE actor = 'trust-dsl'"
                + " AND action = 'capture.view' AND target = ?", "capture:" + oakCapture));
    }
}
