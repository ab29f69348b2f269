package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.vigil.testing.WaitUntil;

/**
 * The subject access button per school in a real Chromium (issue 17, ADR 0206): {@code jsmith} signs in at the
 * first school and at Oak. Oak's DSL follows an Oak capture to the Oak pupil's history, whose button sends Oak, and
 * the export holds Oak's capture alone; the same form sent for the first school's pupil is the Forbidden page,
 * audited, and exports nothing.
 */
@Tag("e2e")
class SubjectAccessPerSchoolInChromiumIT {
    private static final String PASSWORD = "subject access per school in chromium";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static TwoSchools schools;

    @BeforeAll
    static void jsmithAtBothSchools() throws Exception {
        schools = TwoSchools.seed(ui.console(), PASSWORD);
        schools.sendFrom(schools.main(), Events.valid().setUser("jsmith").setMatchedText("main typed").build());
    }

    @Test
    void oaksDslExportsOaksPupilAndIsRefusedTheFirstSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        String base = ui.base();
        long capture = schools.sendFrom(schools.oak(), Events.valid().setUser("jsmith")
                .setMatchedText("oak typed").build());
        chromium.signIn(base, "oak-dsl", "oak-dsl passphrase");

        browser.get(base + "/captures/" + capture);
        browser.findElement(By.cssSelector("#capture-pupil a")).click();
        chromium.waitForTitle("Pupil jsmith");
        WebElement school = browser.findElement(By.cssSelector("form.subject-access input[name=school]"));
        assertEquals("oak", school.getAttribute("value"), "the button sends the school the page shows");
        browser.findElement(By.cssSelector("form.subject-access input[name=request]")).sendKeys("Oak parent, 3 March");
        chromium.screenshot("subject-access-per-school-01-oak-pupil");
        browser.findElement(By.cssSelector("form.subject-access button")).click();
        WaitUntil.waitUntil(Duration.ofSeconds(10), "the export audited", () -> exports() == 1);
        assertEquals("1 captures of schools 2: Oak parent, 3 March", Db.text(ui.dataDir(), "SELECT detail"
                + " FROM audit_log WHERE action = 'pupil.subject-access' AND actor = 'oak-dsl'"));

        browser.executeScript("document.querySelector('form.subject-access input[name=school]').value = 'main'");
        browser.findElement(By.cssSelector("form.subject-access button")).click();
        chromium.waitForTitle("Forbidden");
        chromium.screenshot("subject-access-per-school-02-first-school-forbidden");
        assertEquals(1, schools.refusals("oak-dsl", "school:main"), "the refusal is audited");
        assertEquals(1, exports(), "nothing more was exported");
    }

    private static long exports() {
        return Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"
                + " AND actor = 'oak-dsl'");
    }
}
