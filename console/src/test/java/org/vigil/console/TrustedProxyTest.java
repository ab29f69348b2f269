package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.edge.RateLimit;
import org.vigil.console.edge.TrustedProxies;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed from the configured proxy (127.0.0.2 here)
 * and from nowhere else (127.0.0.1), over real HTTP: the anonymous rate limit and the login audit key on the client
 * the proxy names (the right-most address it appended, never one the client wrote), and a forged header from an
 * untrusted address changes nothing.
 */
class TrustedProxyTest {
    private static final String PROXY = "127.0.0.2";
    private static final String ELSEWHERE = "127.0.0.1";
    private static final int BURST = 3;

    @TempDir
    Path dataDir;
    private Console console;

    @BeforeEach
    void start() throws Exception {
        ConsoleConfig loopback = AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), "proxy test pw");
        console = Console.start(loopback.withEdge(loopback.edge()
                .with(TrustedProxies.parse(PROXY))
                .with(new RateLimit(BURST, Duration.ofHours(1), 1_000))));
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void aForgedHeaderFromAnUntrustedAddressIsIgnored() throws Exception {
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, get(ELSEWHERE, "/login", Map.of("X-Forwarded-For", "10.0.0." + i)).status());
        }
        Answer limited = get(ELSEWHERE, "/login", Map.of("X-Forwarded-For", "10.0.0.99"));
        assertEquals(429, limited.status(), "a new forged address each time does not get a new bucket");
        assertEquals("3600", limited.header("Retry-After"));
        assertFalse(get(ELSEWHERE, "/healthz", Map.of("X-Forwarded-Proto", "https"))
                .headers().containsKey("strict-transport-security"), "a forged https is not believed");
    }

    @Test
    void theTrustedProxyNamesTheClientTheLimitKeysOn() throws Exception {
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, get(PROXY, "/login", Map.of("X-Forwarded-For", "10.0.0.1")).status());
        }
        assertEquals(429, get(PROXY, "/login", Map.of("X-Forwarded-For", "10.0.0.1")).status());
        assertEquals(200, get(PROXY, "/login", Map.of("X-Forwarded-For", "10.0.0.2")).status(),
                "another client behind the same proxy has its own bucket");
        assertEquals(429, get(PROXY, "/login", Map.of("X-Forwarded-For", "10.0.0.2, 10.0.0.1")).status(),
                "the address the proxy appended counts, not the one the client wrote before it");
        assertEquals(200, get(PROXY, "/login", Map.of("X-Forwarded-For", "10.0.0.1, 10.0.0.3")).status());
        assertTrue(get(PROXY, "/healthz", Map.of("X-Forwarded-Proto", "https")).headers()
                .containsKey("strict-transport-security"), "the proxy says the client used https");
    }

    @Test
    void aFailedSignInIsAuditedFromTheRealClient() throws Exception {
        Map<String, String> viaProxy = Map.of("X-Forwarded-For", "6.6.6.6, 10.9.8.7");
        Answer form = get(PROXY, "/login", viaProxy);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(csrf.find(), form.body());
        String cookie = form.header("set-cookie").split(";")[0];
        Map<String, String> headers = new LinkedHashMap<>(viaProxy);
        headers.put("Cookie", cookie);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        Answer refused = send(PROXY, "POST", "/login", headers, "csrf=" + URLEncoder.encode(csrf.group(1),
                StandardCharsets.UTF_8) + "&username=admin&password=wrong");
        assertEquals(401, refused.status(), refused.body());
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'login.failed'"));
        assertEquals("from 10.9.8.7", Db.text(dataDir,
                "SELECT detail FROM audit_log WHERE action = 'login.failed'"));
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }
    }

    private Answer get(String from, String path, Map<String, String> headers) throws IOException {
        return send(from, "GET", path, headers, "");
    }

    /** One HTTP/1.1 request from a chosen loopback address (Java's HttpClient cannot choose its source address). */
    private Answer send(String from, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", console.httpPort()), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            if (!method.equals("GET")) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                answerHeaders.putIfAbsent(head[i].substring(0, colon).toLowerCase(), head[i].substring(colon + 1)
                        .strip());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), answerHeaders, response.substring(end + 4));
        }
    }
}
