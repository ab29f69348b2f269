package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: real keystrokes (xdotool) on a real X server (Xvfb) into the real agent jar,
 * over gRPC/TLS on loopback into the real console jar, stored in its SQLite file and listed on its web page.
 */
@Tag("e2e")
class TypedWordBecomesCaptureTest {
    @TempDir
    static Path work;
    private static VirtualDisplay display;
    private static final AtomicInteger DSL_ACCOUNTS = new AtomicInteger();
    private static VigilUnderTest vigil;
    private static RunningProcess agent;

    @BeforeAll
    static void startEverything() throws Exception {
        display = VirtualDisplay.start();
        vigil = VigilUnderTest.startConsole(work);
        agent = vigil.startAgent("agent", vigil.agentConfig("agent"), display);
        agent.awaitLine(line -> line.contains("Vigil agent listening"), Duration.ofSeconds(60), "that it listens");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Cleanup.closeAll(agent, vigil, display);
    }

    @Test
    void aListedPhraseTypedWithACorrectedTypoBecomesOneCaptureTheDslCanSee() throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures");
        display.xdotool("type", "--delay", "20", "tonight i want to kilp");
        display.xdotool("key", "BackSpace");
        display.xdotool("type", "--delay", "20", "l myself because of them");
        display.xdotool("key", "Return");
        long returnPressed = System.nanoTime();

        vigil.awaitCaptureCount(before + 1, Duration.ofSeconds(15));
        long storedAfterMillis = (System.nanoTime() - returnPressed) / 1_000_000;
        System.err.println("E2E keystroke-to-stored-capture latency: " + storedAfterMillis + " ms (Return to row visible)");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + vigil.consoleData().resolve("vigil.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT matched_text, category, severity, context, match_start, match_end, rule_id,"
                             + " screenshot_sha256, screenshot_media_type FROM captures WHERE category = 'suicide'");
             ResultSet row = query.executeQuery()) {
            assertTrue(row.next());
            assertEquals("kill myself", row.getString("matched_text"));
            assertEquals("suicide", row.getString("category"));
            assertEquals(5, row.getInt("severity"));
            String context = row.getString("context");
            assertEquals("tonight i want to kill myself because of them", context);
            assertEquals("kill myself", context.substring(row.getInt("match_start"), row.getInt("match_end")));
            assertTrue(row.getString("rule_id").startsWith("suicide.txt:"), row.getString("rule_id"));
            assertScreenshotOfTheWholeDisplay(row.getString("screenshot_sha256"), row.getString("screenshot_media_type"));
            assertFalse(row.next(), "exactly one capture for the sentence");
        }

        assertTheCapturesPageListsIt();
    }

    @Test
    void aSentenceWithNoListedTermProducesNoCapture() throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures");
        display.xdotool("type", "--delay", "10", "my skills in history homework: the gunpowder plot was in 1605");
        display.xdotool("key", "Return");
        // A barrier: a listed term typed afterwards arrives; had the innocent line matched, it would have arrived first.
        display.xdotool("type", "--delay", "10", "everyone hates you");
        display.xdotool("key", "Return");
        vigil.awaitCaptureCount(before + 1, Duration.ofSeconds(15));
        assertEquals(0, vigil.count("SELECT COUNT(*) FROM captures WHERE context LIKE '%gunpowder%' OR context LIKE '%skills%'"));
        assertEquals(1, vigil.count("SELECT COUNT(*) FROM captures WHERE matched_text = 'everyone hates you' AND category = 'bullying'"));
    }

    @Test
    void everyHitInALineBecomesItsOwnCaptureOnceWithTheWholeWordTyped() throws Exception {
        long before = vigil.count("SELECT COUNT(*) FROM captures");
        display.xdotool("type", "--delay", "10", "kys. i have cuts on my wrists again and kys, "
                + "and still typing on the same line long after both hits were reported");
        display.xdotool("key", "Return");
        // A barrier: a capture from a later line arrives after everything the line above could have made.
        display.xdotool("type", "--delay", "10", "they should kill everyone at school");
        display.xdotool("key", "Return");
        vigil.awaitCaptureCount(before + 3, Duration.ofSeconds(15));

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + vigil.consoleData().resolve("vigil.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT event_id, matched_text, category, context, match_start, match_end, screenshot_sha256"
                             + " FROM captures WHERE context LIKE 'kys. i have cuts%' ORDER BY seq");
             ResultSet row = query.executeQuery()) {
            assertTrue(row.next());
            assertEquals("kys", row.getString("matched_text"));
            assertEquals("bullying", row.getString("category"));
            String firstEvent = row.getString("event_id");
            String screenshot = row.getString("screenshot_sha256");
            assertTrue(row.next());
            assertEquals("cuts on my wrists", row.getString("matched_text"), "the whole word, not the term \"wrist\"");
            assertEquals("self-harm", row.getString("category"));
            assertEquals("cuts on my wrists",
                    row.getString("context").substring(row.getInt("match_start"), row.getInt("match_end")));
            assertFalse(firstEvent.equals(row.getString("event_id")), "each hit has its own event id");
            assertEquals(screenshot, row.getString("screenshot_sha256"), "one screenshot for the line");
            assertFalse(row.next(), "kys again in the line and the typing after it record nothing more");
        }
        assertTheCapturesPageShows("cuts on my wrists", "self-harm");
    }

    private void assertScreenshotOfTheWholeDisplay(String sha256, String mediaType) throws Exception {
        assertNotNull(sha256, "the capture has a screenshot");
        String extension = mediaType.equals("image/png") ? "png" : "jpg";
        Path file = vigil.consoleData().resolve("screenshots").resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertNotNull(image, "the screenshot decodes as " + mediaType);
        assertEquals(VirtualDisplay.WIDTH, image.getWidth());
        assertEquals(VirtualDisplay.HEIGHT, image.getHeight());
    }

    private void assertTheCapturesPageListsIt() throws Exception {
        assertTheCapturesPageShows("kill myself", "suicide");
    }

    private void assertTheCapturesPageShows(String matchedText, String category) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        // the first admin is an IT admin and reads no capture: IT makes a DSL account, as a school would
        String dsl = "e2e-dsl-" + DSL_ACCOUNTS.incrementAndGet();
        Matcher oneTime = Pattern.compile("one-time password for " + dsl + ": (\\S+)")
                .matcher(vigil.command("users", "add", dsl, "--role", "DSL"));
        assertTrue(oneTime.find());
        // the sign-in form carries an anti-forgery token (and sets its cookie): load it first, as a browser would
        HttpResponse<String> forced = postForm(browser, "login", tokenOn(browser, "login"),
                Map.of("username", dsl, "password", oneTime.group(1)));
        assertEquals(200, forced.statusCode());
        assertTrue(forced.uri().getPath().endsWith("/account/password"), "a one-time password must be changed first");
        String chosen = dsl + " chooses a long passphrase";
        HttpResponse<String> enrolment = postForm(browser, "account/password", tokenIn(forced.body()),
                Map.of("current", oneTime.group(1), "password", chosen, "repeat", chosen));
        assertTrue(enrolment.uri().getPath().endsWith("/account/two-factor"), "a DSL turns on two-factor sign-in next");
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(enrolment.body());
        assertTrue(secret.find(), enrolment.body());
        HttpResponse<String> enrolled = postForm(browser, "account/two-factor", tokenIn(enrolment.body()),
                Map.of("code", AuthenticatorApp.codeNow(secret.group(1))));
        assertTrue(enrolled.body().contains("recovery-codes"), enrolled.body());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(vigil.httpBase() + "captures"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.uri().getPath().endsWith("/captures"), page.uri().toString());
        assertTrue(page.body().contains(matchedText), page.body());
        assertTrue(page.body().contains(category), page.body());
        assertFalse(page.body().contains("Sign in"), "still on the login page");
    }

    private String tokenOn(HttpClient browser, String path) throws Exception {
        return tokenIn(browser.send(HttpRequest.newBuilder(URI.create(vigil.httpBase() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String tokenIn(String html) {
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find(), html);
        return token.group(1);
    }

    private HttpResponse<String> postForm(HttpClient browser, String path, String csrf, Map<String, String> fields)
            throws Exception {
        StringBuilder form = new StringBuilder("csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        fields.forEach((name, value) -> form.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return browser.send(HttpRequest.newBuilder(URI.create(vigil.httpBase() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

}
