package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** A DSL puts themselves on the Friday and Saturday night rota and changes a rule, in a real Chromium. */
@Tag("e2e")
class AlertRulesInChromiumIT {
    private static final String PASSWORD = "alert rules in chromium password";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;
    private static long adminId;

    @BeforeAll
    static void start() throws Exception {
        dataDir = ui.dataDir();
        base = ui.base();
        WebSession admin = WebSession.signIn(ui.console(), "admin", PASSWORD);
        adminId = Db.count(dataDir, "SELECT id FROM users WHERE username = 'admin'");
        assertEquals(303, admin.post("/users/" + adminId + "/email", Map.of("email", "dsl@school.example"))
                .statusCode());
        chromium = ui.chromium();
        browser = chromium.driver();
    }

    @Test
    void aDslEditsTheRotaAndARuleOnThePage() throws Exception {
        long rulesBefore = Db.count(dataDir, "SELECT count(*) FROM alert_rules");
        chromium.signIn(base, "admin", PASSWORD);
        browser.findElement(By.linkText("Alert rules")).click();
        chromium.waitForTitle("Alert rules · Vigil");
        chromium.screenshot("5a-alert-rules");

        WebElement rota = browser.findElement(By.id("add-rota"));
        rota.findElement(By.cssSelector("input[value=FRIDAY]")).click();
        rota.findElement(By.cssSelector("input[value=SATURDAY]")).click();
        new Select(rota.findElement(By.name("user"))).selectByVisibleText("admin");
        rota.findElement(By.xpath(".//button[text()='Add to the rota']")).click();
        chromium.waitForText("#notice", "Added to the rota on 2 days.");
        String bands = chromium.settled(By.id("rota")).getText();
        assertTrue(bands.contains("Friday 18:00 to Saturday 08:00 admin first on"), bands);
        assertTrue(bands.contains("Saturday 18:00 to Sunday 08:00 admin first on"), bands);

        long digestRule = Db.count(dataDir, "SELECT id FROM alert_rules WHERE min_severity = 1 AND category IS NULL");
        WebElement row = browser.findElement(By.cssSelector("tr[data-rule='" + digestRule + "']"));
        new Select(row.findElement(By.name("hours"))).selectByVisibleText("out of hours");
        new Select(row.findElement(By.name("action"))).selectByVisibleText("no alert (the queue only)");
        row.findElement(By.xpath(".//button[text()='Save']")).click();
        chromium.waitForText("#notice", "Rule changed.");
        String rules = chromium.settled(By.id("rule-words")).getText();
        assertTrue(rules.contains("Severity 1-3, any category, out of hours: no alert (the queue only)"), rules);
        chromium.screenshot("5b-alert-rules-changed");

        WebElement severe = browser.findElement(By.cssSelector("tr[data-rule='"
                + Db.count(dataDir, "SELECT id FROM alert_rules WHERE min_severity = 4 AND category IS NULL") + "']"));
        severe.findElement(By.xpath(".//button[text()='Delete']")).click();
        chromium.waitForText("#error", "Severity 5 must always alert at once");
        chromium.screenshot("5c-alert-rules-refused");

        assertEquals("OUT NONE", Db.text(dataDir, "SELECT hours || ' ' || action FROM alert_rules WHERE id = ?",
                digestRule));
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM alert_rota WHERE user_id = ?", adminId));
        assertEquals(3, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE actor = 'admin'"
                + " AND action IN ('alert.rota.add', 'alert.rule.change')"));
        assertEquals(rulesBefore, Db.count(dataDir, "SELECT count(*) FROM alert_rules"), "the refused delete removed nothing");
    }
}
