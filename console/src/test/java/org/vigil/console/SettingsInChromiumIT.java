package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** IT sets the mail server on /settings in a real Chromium and sends a test email, which GreenMail receives. */
@Tag("e2e")
class SettingsInChromiumIT {
    private static final String PASSWORD = "settings in chromium password";
    private static final String IT_EMAIL = "it.tech@school.example";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static GreenMail smtp;
    private static int smtpPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ui.newUser("it-tech", "IT_ADMIN");
        WebSession admin = WebSession.signIn(ui.console(), "admin", PASSWORD);
        long id = Db.count(ui.dataDir(), "SELECT id FROM users WHERE username = 'it-tech'");
        assertEquals(303, admin.post("/users/" + id + "/email", Map.of("email", IT_EMAIL)).statusCode());
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void itSetsTheMailServerAndTheTestEmailArrives() throws Exception {
        Chromium chromium = ui.chromium();
        ChromeDriver browser = ui.browser();
        chromium.signIn(ui.base(), "it-tech", "it-tech passphrase");
        browser.findElement(By.linkText("Settings")).click();
        chromium.waitForTitle("Settings · Vigil");
        assertTrue(browser.findElement(By.id("mail-not-configured")).isDisplayed());

        browser.findElement(By.name("smtp_url")).sendKeys("smtp://127.0.0.1:" + smtpPort);
        browser.findElement(By.name("from")).sendKeys("vigil@school.example");
        browser.findElement(By.xpath("//button[text()='Save mail server']")).click();
        chromium.waitForText("#settings-notice", "Saved: the mail server.");
        chromium.screenshot("6a-settings-mail-server");

        chromium.settled(By.xpath("//button[text()='Send a test email']")).click();
        chromium.waitForText("#test-email-result", "Test email accepted by 127.0.0.1:" + smtpPort);
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("test-email-result")));
        chromium.screenshot("6b-settings-test-email");
        waitUntil(Duration.ofSeconds(5), "the test email", () -> smtp.getReceivedMessages().length == 1);
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertEquals(IT_EMAIL, received.getAllRecipients()[0].toString());
        assertEquals("Vigil: test email", received.getSubject());
    }
}
