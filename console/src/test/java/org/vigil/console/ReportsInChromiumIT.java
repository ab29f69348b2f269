package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.vigil.proto.v1.Event;

/**
 * The reports page in a real Chromium under the console's CSP: the charts drawn as inline SVG with their colours
 * (CSS classes, no inline style), the tables beside them, a range chosen in the form, the print view (form and
 * menu gone, charts kept), and a governor's view with small counts hidden. Screenshots {@code 7a-…} to {@code 7d-…}.
 */
@Tag("e2e")
class ReportsInChromiumIT {
    private static final String PASSWORD = "reports in chromium password";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        base = ui.base();
        chromium = ui.chromium();
        browser = chromium.driver();
        List<Event> events = new ArrayList<>();
        String[] categories = {"self-harm", "bullying", "drugs", "suicide", "gambling"};
        for (int i = 0; i < 24; i++) {
            events.add(Events.valid().setCategory(categories[i % categories.length]).setSeverity(1 + (i / 5) % 5)
                    .setRuleId(categories[i % categories.length] + ".txt:1").setUser("pupil" + (i % 4)).build());
        }
        Seeder.send(ui.console(), ui.dataDir(), events);
        assertEquals(null, Db.tryUpdate(ui.dataDir(), "INSERT INTO pupils (login, given_name, family_name,"
                + " year_group, form, source, updated_at) VALUES ('pupil0', 'Annabeth', 'Quillfeather', 'Year 8', '8B', 'CSV', 0)"));
        assertEquals(null, Db.tryUpdate(ui.dataDir(), "INSERT INTO pupil_logins (login, pupil_id, source, linked_by,"
                + " linked_at) SELECT 'pupil0', id, 'DIRECTORY', 'import', 0 FROM pupils"));
        WebSession admin = WebSession.signIn(ui.console(), "admin", PASSWORD);
        WebSession.newUser(ui.console(), admin, "reports-governor", "VIEWER");
    }

    @Test
    void theDslReadsTheChartsAndTablesChoosesARangeAndPrintsIt() throws Exception {
        chromium.signIn(base, "admin", PASSWORD);
        browser.get(base + "/reports");
        assertEquals("Reports · Vigil", browser.getTitle());
        WebElement chart = chromium.settled(By.id("chart-per-period"));
        assertTrue(chart.getSize().getWidth() > 300 && chart.getSize().getHeight() > 100, chart.getSize().toString());
        List<WebElement> bars = browser.findElements(By.cssSelector("#chart-per-period rect"));
        assertTrue(bars.size() >= 5, "a bar segment per category this week: " + bars.size());
        Object fill = browser.executeScript("return getComputedStyle(document.querySelector("
                + "'#chart-per-period rect.c-0')).fill");
        assertEquals("rgb(31, 119, 180)", fill, "the stylesheet's colour reached the SVG under the CSP");
        assertEquals("24", browser.findElement(By.id("total-concerns")).getText());
        chromium.screenshot("7a-reports");

        new Select(browser.findElement(By.name("range"))).selectByValue("this-year");
        new Select(browser.findElement(By.name("by"))).selectByValue("month");
        browser.findElement(By.xpath("//form[@class='report-range']//button[text()='Show']")).click();
        chromium.waitForText("#report-range", "School year");
        assertTrue(browser.getCurrentUrl().contains("range=this-year"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("report-per-period")).getText().contains("Sep"),
                "split per month");
        chromium.screenshot("7b-reports-this-year-by-month");

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(browser.findElement(By.cssSelector("form.report-range")).isDisplayed(), "no form on paper");
            assertFalse(browser.findElement(By.cssSelector("header.top")).isDisplayed(), "no menu on paper");
            assertTrue(browser.findElement(By.id("chart-per-category")).isDisplayed(), "the charts print");
            chromium.screenshot("7c-reports-print");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pdf = (Map<String, Object>) (Map<?, ?>) browser.executeCdpCommand("Page.printToPDF",
                Map.of());
        byte[] printed = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
        Path file = Chromium.SCREENSHOTS.resolve("7c-reports-print.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, printed);
        assertTrue(printed.length > 10_000, "Chromium printed the page: " + printed.length + " bytes");
    }

    @Test
    void aGovernorSeesCountsOnlyWithSmallOnesHidden() throws Exception {
        chromium.signIn(base, "reports-governor", "reports-governor passphrase");
        browser.get(base + "/reports");
        String page = chromium.settled(By.id("report-per-year-group")).getText();
        assertTrue(page.contains("Year 8"), page);
        String categories = browser.findElement(By.id("report-per-category")).getText();
        assertTrue(categories.contains("<3"), "a severity with one or two captures: " + categories);
        assertFalse(browser.getPageSource().contains("Annabeth") || browser.getPageSource().contains("Quillfeather")
                        || browser.getPageSource().contains("pupil0"),
                "no pupil's name or login");
        assertEquals(0, browser.findElements(By.cssSelector("a[href='/captures']")).size(), "no queue for a governor");
        chromium.screenshot("7d-reports-governor");
    }
}
