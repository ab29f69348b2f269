package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A new DSL in a real Chromium: one-time password, own password, then enrolment in two-factor sign-in from the QR
 * code page (the key typed into a phone), ten recovery codes shown once, and the next sign-in asks for a code.
 */
@Tag("e2e")
class TwoFactorInChromiumIT {
    private static final String PASSWORD = "two factor in chromium password";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);

    @Test
    void aNewDslEnrolsFromTheQrCodePageAndIsAskedForACodeAtTheNextSignIn() throws Exception {
        String oneTime = WebSession.createUser(WebSession.signIn(ui.console(), "admin", PASSWORD), "new-dsl", "DSL");
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "new-dsl", oneTime);
        chromium.waitForTitle("Change password");
        String chosen = "new-dsl chooses a passphrase";
        browser.findElement(By.name("current")).sendKeys(oneTime);
        browser.findElement(By.name("password")).sendKeys(chosen);
        browser.findElement(By.name("repeat")).sendKeys(chosen, Keys.ENTER);

        chromium.waitForTitle("Two-factor sign-in");
        assertTrue(browser.getCurrentUrl().endsWith("/account/two-factor"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.cssSelector(".qr svg path")).isDisplayed(), "the QR code is drawn");
        String secret = browser.findElement(By.id("totp-secret")).getText();
        chromium.screenshot("13a-two-factor-enrolment");
        browser.findElement(By.name("code")).sendKeys("000000", Keys.ENTER);
        chromium.waitForText("p.error", "does not match");
        assertEquals(secret, browser.findElement(By.id("totp-secret")).getText(), "the same secret after a typo");
        browser.findElement(By.name("code")).sendKeys(Phone.code(secret, Phone.now()), Keys.ENTER);

        chromium.waitForText(".notice", "Two-factor sign-in is on.");
        List<WebElement> codes = browser.findElements(By.cssSelector("#recovery-codes code"));
        assertEquals(10, codes.size());
        assertTrue(codes.get(0).getText().matches("[a-z2-7]{5}-[a-z2-7]{5}"), codes.get(0).getText());
        assertEquals(10, Db.count(ui.dataDir(), "SELECT count(*) FROM recovery_codes r JOIN users u ON u.id ="
                + " r.user_id WHERE u.username = 'new-dsl' AND r.code_sha256 <> ?", codes.get(0).getText()));
        chromium.screenshot("13b-two-factor-recovery-codes");
        browser.findElement(By.linkText("Continue")).click();
        chromium.waitForTitle("Triage queue");

        chromium.signOut();
        chromium.signIn(ui.base(), "new-dsl", chosen);
        chromium.waitForTitle("Triage queue");
        assertEquals(1, Db.count(ui.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'login.2fa'"
                + " AND actor = 'new-dsl'"), "the second sign-in passed the code page");
    }
}
