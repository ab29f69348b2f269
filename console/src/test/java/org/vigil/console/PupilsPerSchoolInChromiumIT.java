package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pupil directory per school in a real Chromium (issue 17, ADR 0205): Oak's DSL uploads Oak's pupil list while
 * the first school already has a pupil with the same login, finds only Oak's pupil, sees that pupil on an Oak
 * capture and follows it to the pupil's history in Oak; the first school's directory and pupil history are the
 * Forbidden page, each refusal audited.
 */
@Tag("e2e")
class PupilsPerSchoolInChromiumIT {
    private static final String PASSWORD = "pupils per school in chromium";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static TwoSchools schools;

    @TempDir
    Path files;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(ui.console(), PASSWORD);
        schools.mainDsl().refreshCsrf("/pupils");
        assertEquals(303, schools.mainDsl().postFile("/pupils/import", "file", "main.csv",
                "Username,Forename,Surname,Year\njsmith,Jack,Smith,7\n".getBytes()).statusCode());
    }

    @Test
    void oaksDslManagesOaksPupilsAndIsRefusedTheFirstSchools() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        String base = ui.base();
        long capture = schools.sendFrom(schools.oak(), Events.valid().setUser("JSmith")
                .setMatchedText("oak typed").build());
        chromium.signIn(base, "oak-dsl", "oak-dsl passphrase");

        browser.get(base + "/pupils");
        Path list = Files.writeString(files.resolve("oak.csv"), "Username,Forename,Surname,Year\n"
                + "jsmith,Jane,Smith,10\n");
        browser.findElement(By.cssSelector("#pupils-import input[type=file]")).sendKeys(list.toString());
        browser.findElement(By.id("pupils-import-button")).click();
        chromium.waitForText("#pupils-notice", "Imported: 1 added, 0 updated, 0 marked left, 0 unchanged.");
        browser.findElement(By.name("q")).sendKeys("smith");
        browser.findElement(By.xpath("//form[@class='filters']//button[text()='Search']")).click();
        chromium.waitForTitle("Pupils");
        String found = browser.findElement(By.id("pupils")).getText();
        assertTrue(found.contains("Jane Smith") && !found.contains("Jack"), found);
        chromium.screenshot("pupils-per-school-01-oak-directory");

        browser.get(base + "/captures/" + capture);
        assertTrue(browser.findElement(By.id("capture-pupil")).getText().contains("Jane Smith (JSmith)"));
        browser.findElement(By.cssSelector("#capture-pupil a")).click();
        chromium.waitForTitle("Pupil Jane Smith");
        assertTrue(browser.getPageSource().contains("oak typed"));
        chromium.screenshot("pupils-per-school-02-oak-pupil-history");

        browser.get(base + "/pupils?q=smith&school=main");
        chromium.waitForTitle("Forbidden");
        assertFalse(browser.getPageSource().contains("Jack"));
        browser.get(base + "/history/pupil?name=jsmith&school=main");
        chromium.waitForTitle("Forbidden");
        chromium.screenshot("pupils-per-school-03-first-school-forbidden");
        assertEquals(2, schools.refusals("oak-dsl", "school:main"), "each refusal is audited");
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM pupils WHERE school_id = 1 AND left_at IS NULL"),
                "Oak's import left the first school's pupil alone");
    }
}
