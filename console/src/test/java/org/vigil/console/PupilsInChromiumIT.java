package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Who the pupil is, in a real headless Chromium (ADR 0151): a DSL uploads the MIS export (a bad one first: every bad
 * line listed), sees names, year and form beside the logins in the queue, filters by form, and links a stray login
 * to a pupil from the capture page. A hostile given name is shown as text and never runs. Screenshots 15a-… in
 * target/screenshots.
 */
@Tag("e2e")
class PupilsInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);

    @TempDir
    Path files;

    @Test
    void aDslUploadsThePupilListSeesNamesInTheQueueAndLinksAStrayLogin() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        String base = ui.base();
        List<Long> ids = Seeder.send(ui.console(), ui.dataDir(), List.of(
                Events.valid().setUser("cr-bsmith").setMatchedText("bella typed").build(),
                Events.valid().setUser("cr-hostile").setMatchedText("hostile typed").build(),
                Events.valid().setUser("SCHOOL\\cr-ajones").setMatchedText("stray typed").build()));
        chromium.signIn(base, "admin", PASSWORD);

        browser.get(base + "/pupils");
        Path bad = Files.writeString(files.resolve("bad.csv"), "Forename,Surname,Year,Username\nAnn,,7,x1\nBen,Lee,,x2\n");
        browser.findElement(By.cssSelector("#pupils-import input[type=file]")).sendKeys(bad.toString());
        browser.findElement(By.id("pupils-import-button")).click();
        chromium.waitForText("#import-problems", "2 problems");
        String problems = browser.findElement(By.id("import-problems")).getText();
        assertTrue(problems.contains("line 2, family name: empty") && problems.contains("line 3, year group: empty"),
                problems);
        chromium.screenshot("15a-pupils-import-refused");

        Path good = Files.writeString(files.resolve("sims.csv"), "Legal Forename,Legal Surname,Year,Reg Group,"
                + "Username,CP Plan\nBella,Smith,9,9B,cr-bsmith,yes\nAled,Jones,10,10C,cr-ajones,no\n"
                + "\"" + HOSTILE.replace("\"", "\"\"") + "\",Evans,9,9C,cr-hostile,no\n");
        browser.findElement(By.cssSelector("#pupils-import input[type=file]")).sendKeys(good.toString());
        browser.findElement(By.id("pupils-import-button")).click();
        chromium.waitForText("#pupils-notice", "Imported: 3 added, 0 updated, 0 marked left, 0 unchanged.");

        browser.get(base + "/captures?status=ALL");
        String queue = browser.findElement(By.id("queue")).getText();
        assertTrue(queue.contains("Bella Smith (cr-bsmith) Year 9, 9B CP plan"), queue);
        assertTrue(queue.contains(HOSTILE + " Evans (cr-hostile) Year 9, 9C"), "the hostile name is text: " + queue);
        assertTrue(queue.contains("SCHOOL\\cr-ajones not in the directory"), queue);
        chromium.screenshot("15b-queue-with-names");
        new Select(browser.findElement(By.name("form"))).selectByVisibleText("9B");
        browser.findElement(By.xpath("//form[@class='filters']//button[text()='Filter']")).click();
        chromium.waitForTitle("Triage queue");
        assertEquals(1, browser.findElements(By.cssSelector("#queue tbody tr")).size());
        assertTrue(browser.findElement(By.id("queue")).getText().contains("bella typed"));

        browser.get(base + "/captures/" + ids.get(2));
        assertTrue(browser.findElement(By.id("capture-pupil")).getText().contains("not in the directory"));
        browser.findElement(By.cssSelector(".link-pupil input[name='pupil']")).sendKeys("cr-ajones");
        chromium.screenshot("15c-capture-link-stray-login");
        browser.findElement(By.id("link-pupil")).click();
        chromium.waitForText(".notice", "Linked: captures of this login are now shown as Aled Jones's.");
        assertTrue(browser.findElement(By.id("capture-pupil")).getText()
                .contains("Aled Jones (SCHOOL\\cr-ajones) Year 10, 10C"));
        chromium.screenshot("15d-capture-linked");

        browser.get(base + "/pupils?q=SMI");
        assertTrue(browser.findElement(By.id("pupils")).getText().contains("Bella Smith cr-bsmith Year 9, 9B"));
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned;"), "no script ran");
    }
}
