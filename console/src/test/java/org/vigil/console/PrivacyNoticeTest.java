package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.settings.Setting;

/**
 * The public privacy notice (issue 14) over real HTTP without signing in: generated from the live settings and
 * wordlists, so a retention change shows at once; the school's own words are escaped.
 */
class PrivacyNoticeTest {
    @TempDir
    static Path dataDir;
    private static Console console;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anyoneCanReadItAndItSaysWhatTheSystemDoesNow() throws Exception {
        console.services().settings().change("dsl", Setting.SCHOOL_NAME, "St Anne's <Academy>");
        console.services().settings().change("dsl", Setting.PRIVACY_CONTACT, "dpo@stannes.example");
        console.services().settings().change("dsl", Setting.RETENTION_FALSE_POSITIVE_DAYS, "14");

        HttpResponse<String> page = get("/privacy");

        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("St Anne's &lt;Academy&gt; uses Vigil"), html);
        assertFalse(html.contains("<Academy>"));
        assertTrue(html.contains("(a false positive): 14 days."), html);
        assertTrue(html.contains("The record of who looked at what: 7 years."), html);
        assertTrue(html.contains("<li>suicide and wanting to die</li>") && html.contains("<li>gambling</li>")
                && html.contains("<li>swearing and crude language</li>"), html);
        assertTrue(html.contains("Contact: dpo@stannes.example"), html);
        assertTrue(html.contains("There is no log of keystrokes"), html);
        assertTrue(get("/login").body().contains("href=\"/privacy\""), "linked where pupils sign in");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
