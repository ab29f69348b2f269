package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console as {@code serve} runs it by default, HTTPS with its own CA's certificate, in a real Chromium: a DSL
 * who types the http:// address lands on https://, signs in (the Secure session cookie comes back), and the page
 * works; the session cookie is Secure and HttpOnly in the browser's own jar.
 */
@Tag("e2e")
class ConsoleOverHttpsInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final ConsoleInChromium ui = ConsoleInChromium.overHttps(PASSWORD);

    @Test
    void aDslSignsInOverHttpsFromThePlainAddress() {
        ChromeDriver browser = ui.browser();
        String base = ui.base();
        assertTrue(base.startsWith("https://"), base);
        browser.get(base.replace("https://", "http://") + "/login");
        assertEquals(base + "/login", browser.getCurrentUrl(), "plain HTTP is sent to HTTPS");

        ui.chromium().signIn(base, "admin", PASSWORD);
        browser.get(base + "/users");
        ui.chromium().waitForTitle("Users");
        assertEquals("https:", ((JavascriptExecutor) browser).executeScript("return location.protocol"));
        Cookie session = browser.manage().getCookieNamed("vigil_session");
        assertTrue(session.isSecure(), "Secure session cookie");
        assertTrue(session.isHttpOnly(), "HttpOnly session cookie");
        assertEquals("", ((JavascriptExecutor) browser).executeScript("return document.cookie"),
                "no script can read the session");
    }
}
