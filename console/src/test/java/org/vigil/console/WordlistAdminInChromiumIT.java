package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigil.console.terms.TermDiff;
import org.vigil.console.terms.WordlistCsv;
import org.vigil.wordlists.WordlistBundle;

/**
 * The wordlist admin in a real headless Chromium, as an IT admin uses it: imports refused with every bad line and
 * nothing changed, a CSV import, the term table (add, switch off, delete) seen through the test box, and both
 * exports fetched by the page and checked to round-trip. Screenshots: target/screenshots/2x-*.png.
 */
@Tag("e2e")
class WordlistAdminInChromiumIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String IT_PASSWORD = "it-bea passphrase";

    @RegisterExtension
    static final ConsoleInChromium ui = new ConsoleInChromium(PASSWORD);
    private static Path dataDir;
    @TempDir
    static Path uploads;
    private static Console console;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        console = ui.console();
        dataDir = ui.dataDir();
        base = ui.base();
        ui.newUser("it-bea", "IT_ADMIN");
        chromium = ui.chromium();
        browser = chromium.driver();
        chromium.signIn(base, "it-bea", IT_PASSWORD);
    }

    @Test
    void anImportWithTwoBadLinesShowsBothLineNumbersAndPublishesNothing() throws Exception {
        String before = version();
        long changes = changeCount();
        browser.get(base + "/wordlists");
        upload(false, file("drugs.txt", "# our drugs list\n3 | weed\n9 | spice\n# fine\n3 | ket | except: nothing\n"));

        WebElement problems = chromium.settled(By.id("wordlist-problems"));
        List<String> lines = problems.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("drugs.txt:3: severity must be a number from 1 to 5, got '9'",
                "drugs.txt:5: exception \"nothing\" must be a longer phrase containing \"ket\""), lines);
        assertTrue(browser.findElement(By.id("wordlist-error")).getText().contains("Not imported, nothing changed"));
        chromium.screenshot("21-wordlist-import-refused");
        assertEquals(before, version(), "a refused import changes nothing");
        assertEquals(changes, changeCount());
        assertEquals(before, browser.findElement(By.id("current-version")).getText());
    }

    @Test
    void aGoodCsvImportPublishesItsCategoryAndKeepsTheOthers() throws Exception {
        String suicideBefore = console.policies().current().bundle().files().get("suicide.txt");
        browser.get(base + "/wordlists");
        upload(false, file("extra.csv", "\uFEFFcategory,severity,term,match,exceptions\r\n"
                + "gangs,4,opp block,flexible,\r\n"
                + "gangs,3,\"drillz\",prefix,\"drillz practice; drillz homework\"\r\n"));
        chromium.waitForText("#wordlist-notice", "Imported 1 category (gangs); other categories kept.");
        chromium.screenshot("22-wordlist-csv-imported");
        assertEquals("# imported from CSV\n4 | opp~block\n3 | drillz* | except: drillz practice; drillz homework\n",
                console.policies().current().bundle().files().get("gangs.txt"));
        assertEquals(suicideBefore, console.policies().current().bundle().files().get("suicide.txt"));
        assertEquals("IMPORT", Db.text(dataDir, "SELECT action FROM policy_changes ORDER BY id DESC LIMIT 1"));
        testText("meet at the oppblock later", "\"opp block\"");
    }

    @Test
    void termsAreAddedSwitchedOffAndDeletedThroughTheTableAndTheTestBoxFollows() throws Exception {
        browser.get(base + "/wordlists?category=gambling");
        chromium.settled(By.id("terms"));
        testText("put it all on zorblat spin", "No entry matches.");

        WebElement add = browser.findElement(By.id("add-term"));
        add.findElement(By.name("term")).sendKeys("Zorblat Spin");
        new Select(add.findElement(By.name("severity"))).selectByValue("4");
        new Select(add.findElement(By.name("match"))).selectByValue("word");
        add.findElement(By.name("exceptions")).sendKeys("zorblat spin class");
        add.findElement(By.name("why")).sendKeys("new betting app");
        add.findElement(By.xpath(".//button[text()='Add']")).click();
        chromium.waitForText("#wordlist-notice", "\"zorblat spin\" added.");
        WebElement row = row("zorblat spin");
        assertEquals("on", row.findElements(By.tagName("td")).get(4).getText());
        assertTrue(console.policies().current().bundle().files().get("gambling.txt")
                .endsWith("4 | zorblat spin | except: zorblat spin class\n"));
        assertEquals("\"zorblat spin\" added: new betting app",
                Db.text(dataDir, "SELECT reason FROM policy_changes ORDER BY id DESC LIMIT 1"));
        testText("put it all on zorblat spin", "\"zorblat spin\"");
        testText("see you at zorblat spin class", "No entry matches.");
        chromium.screenshot("23-wordlist-term-added");

        row("zorblat spin").findElement(By.className("term-disable")).click();
        chromium.waitForText("#wordlist-notice", "\"zorblat spin\" switched off.");
        assertEquals("off", row("zorblat spin").findElements(By.tagName("td")).get(4).getText());
        assertTrue(console.policies().current().bundle().files().get("gambling.txt")
                .endsWith("# off: 4 | zorblat spin | except: zorblat spin class\n"));
        testText("put it all on zorblat spin", "No entry matches.");
        chromium.screenshot("24-wordlist-term-switched-off");

        row("zorblat spin").findElement(By.className("term-delete")).click();
        chromium.waitForText("#wordlist-notice", "\"zorblat spin\" deleted.");
        assertTrue(browser.findElements(By.cssSelector("tr[data-term='zorblat spin']")).isEmpty());
        assertFalse(console.policies().current().bundle().files().get("gambling.txt").contains("zorblat"));
        testText("put it all on zorblat spin", "No entry matches.");
    }

    @Test
    void aBadTermShowsTheParsersErrorAndChangesNothing() throws Exception {
        browser.get(base + "/wordlists?category=gambling");
        String before = version();
        WebElement add = chromium.settled(By.id("add-term"));
        add.findElement(By.name("term")).sendKeys("jackpot");
        add.findElement(By.name("exceptions")).sendKeys("nothing to do with it");
        add.findElement(By.xpath(".//button[text()='Add']")).click();
        String error = chromium.settled(By.id("wordlist-error")).getText();
        assertTrue(error.contains("must be a longer phrase containing \"jackpot\""), error);
        chromium.screenshot("25-wordlist-term-refused");
        assertEquals(before, version());
    }

    @Test
    void bothExportsFetchedByThePageRoundTrip() throws Exception {
        browser.get(base + "/wordlists");
        WordlistBundle current = console.policies().current().bundle();
        String version = version();

        byte[] zip = fetchBytes(browser.findElement(By.id("export-zip")).getAttribute("href"));
        Map<String, String> files = unzip(zip);
        assertEquals(current.files(), files);
        String csv = new String(fetchBytes(browser.findElement(By.id("export-csv")).getAttribute("href")),
                StandardCharsets.UTF_8);
        assertTrue(csv.startsWith(WordlistCsv.HEADER + "\r\n"), csv);
        assertEquals(List.of(), TermDiff.between(current.wordlist(),
                WordlistBundle.of(WordlistCsv.read("export.csv", csv)).wordlist()));
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'policy.export'"
                + " AND actor = 'it-bea' AND target = ?", "policy:" + version));

        List<Path> unzipped = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            unzipped.add(file(file.getKey(), file.getValue()));
        }
        upload(true, unzipped.toArray(Path[]::new));
        chromium.waitForText("#wordlist-notice", "No change: that text is already in force.");
        chromium.screenshot("26-wordlist-export-reimported");
        assertEquals(version, version(), "the exported files are exactly the version in force");
    }

    private static WebElement row(String term) {
        return chromium.settled(By.cssSelector("tr[data-term='" + term + "']"));
    }

    private static void upload(boolean replaceAll, Path... files) {
        WebElement form = chromium.settled(By.id("import"));
        form.findElement(By.name("files")).sendKeys(String.join("\n",
                Arrays.stream(files).map(path -> path.toAbsolutePath().toString()).toList()));
        if (replaceAll) {
            form.findElement(By.name("replace")).click();
        }
        form.findElement(By.name("reason")).sendKeys("browser test import");
        form.findElement(By.xpath(".//button[text()='Import']")).click();
    }

    private static Path file(String name, String text) throws Exception {
        Path dir = Files.createTempDirectory(uploads, "upload");
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Fetches a link as the signed-in page would (same origin, its cookie) and returns the body. */
    private static byte[] fetchBytes(String url) {
        Object base64 = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer()).then(buffer => {
                  let text = '';
                  new Uint8Array(buffer).forEach(b => text += String.fromCharCode(b));
                  done(btoa(text));
                });""", url);
        return Base64.getDecoder().decode((String) base64);
    }

    /** Submits the test box; the page it replaces has no result, so the wait sees only the new one. */
    private static void testText(String sample, String expected) {
        WebElement box = chromium.settled(By.name("sample"));
        box.clear();
        box.sendKeys(sample);
        browser.findElement(By.xpath("//button[text()='Test']")).click();
        String result = new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> d.findElement(By.id("test-result")).getText());
        assertTrue(result.contains(expected), result);
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String version() {
        return console.policies().current().change().version();
    }

    private static long changeCount() {
        return Db.count(dataDir, "SELECT count(*) FROM policy_changes");
    }
}
