package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** IT makes a KS1 group in a real Chromium, tests text against it, moves a laptop into it and reads its lists. */
@Tag("e2e")
class GroupsPageInChromiumIT {
    private static final String PASSWORD = "groups in chromium password";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    private static Console console;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;
    private static String deviceId;

    @BeforeAll
    static void start() throws Exception {
        console = ui.console();
        dataDir = ui.dataDir();
        base = ui.base();
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            deviceId = client.enroll(console.mintEnrolmentToken()).getDeviceId();
        }
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @Test
    void itMakesAGroupTestsTextForItAndMovesALaptopIntoIt() throws Exception {
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/groups");
        assertEquals("Groups · Vigil", browser.getTitle());

        browser.findElement(By.name("group")).sendKeys("ks1");
        WebElement changes = browser.findElement(By.cssSelector("#group-form textarea[name=text]"));
        changes.sendKeys("# KS1: pupils aged 5 to 7\noff gambling\nseverity bullying +1\n");
        browser.findElement(By.cssSelector("#group-form input[name=reason]")).sendKeys("younger pupils");
        browser.findElement(By.cssSelector("#group-form button")).click();
        chromium.waitForText("#group-notice", "Published version");
        String row = chromium.settled(By.id("groups")).getText();
        assertTrue(row.contains("ks1 KS1: pupils aged 5 to 7 0 off: gambling; severity bullying +1"), row);
        chromium.screenshot("51-groups");

        new Select(browser.findElement(By.cssSelector("form[action='/groups/test'] select"))).selectByValue("ks1");
        browser.findElement(By.name("sample")).sendKeys("i won on bet365");
        browser.findElement(By.xpath("//button[text()='Test']")).click();
        assertEquals("No entry matches.", chromium.settled(By.id("group-test-result")).getText());

        new Select(browser.findElement(By.cssSelector("#group-devices select"))).selectByValue("ks1");
        browser.findElement(By.xpath("//table[@id='group-devices']//button[text()='Move']")).click();
        chromium.waitForText("#group-notice", "Moved the device to ks1");
        assertEquals("ks1", Db.text(dataDir, "SELECT policy_group FROM devices WHERE id = ?", deviceId));

        browser.findElement(By.xpath("//table[@id='groups']//tr[td/a[text()='ks1']]//a[text()='View lists']")).click();
        assertEquals(console.policies().effective(Optional.of("ks1")).version(),
                chromium.settled(By.id("lists-version")).getText());
        chromium.screenshot("52-group-lists");
    }
}
