package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a screen: a cookie jar over HTTP (or HTTPS), filling in forms' CSRF tokens as a page would. */
final class WebSession {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    /** Over HTTP or, when the console serves HTTPS, over TLS trusting the console's CA only. */
    WebSession(Console console) {
        String url = console.httpUrl();
        this.base = url.substring(0, url.length() - 1);
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (base.startsWith("https:")) {
            try {
                builder.sslContext(HttpsClients.context(console.caCertificate()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        this.http = builder.build();
    }

    /** Signs in through the form; asserts it worked and returns where the console sent the user. */
    static WebSession signIn(Console console, String username, String password) throws Exception {
        WebSession session = new WebSession(console);
        HttpResponse<String> response = session.signInAttempt(username, password);
        assertEquals(303, response.statusCode(), response.body());
        session.refreshCsrf(response.headers().firstValue("Location").orElseThrow());
        return session;
    }

    /**
     * Has the admin create a user with this role, signs them in with the one-time password and sets their own;
     * returns their session.
     */
    static WebSession newUser(Console console, WebSession admin, String username, String role) throws Exception {
        String oneTime = createUser(admin, username, role);
        WebSession session = new WebSession(console);
        session.signInAttempt(username, oneTime);
        session.refreshCsrf("/account/password");
        String chosen = username + " passphrase";
        assertEquals(303, session.post("/account/password",
                Map.of("current", oneTime, "password", chosen, "repeat", chosen)).statusCode());
        session.refreshCsrf("/overview");
        return session;
    }

    /** Has the admin create a user; returns the one-time password the page shows once. */
    static String createUser(WebSession admin, String username, String role) throws Exception {
        HttpResponse<String> created = admin.post("/users", Map.of("username", username, "role", role));
        assertEquals(200, created.statusCode(), created.body());
        Matcher password = Pattern.compile("<code>([^<]+)</code>")
                .matcher(created.body());
        assertTrue(password.find(), created.body());
        return password.group(1);
    }

    /** Loads the sign-in form and posts it, as a person would. */
    HttpResponse<String> signInAttempt(String username, String password) throws Exception {
        String token = tokenOn(get("/login").body());
        return postRaw("/login", Map.of("csrf", token, "username", username, "password", password));
    }

    String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    void refreshCsrf(String path) throws Exception {
        csrf = tokenOn(get(path).body());
    }

    String csrf() {
        return csrf;
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("vigil_session"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    void setSessionCookie(String value) {
        HttpCookie cookie = new HttpCookie("vigil_session", value);
        cookie.setPath("/");
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts the form with this session's CSRF token added. */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrf", csrf);
        return postRaw(path, withToken);
    }

    /** Posts the form with this session's CSRF token added, for a download (a zip). */
    HttpResponse<byte[]> postForBytes(String path, Map<String, String> form) throws Exception {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("csrf", csrf);
        String body = withToken.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form with a repeated field (e.g. several ticked checkboxes) and this session's CSRF token. */
    HttpResponse<String> postMany(String path, String field, List<String> values) throws Exception {
        String body = values.stream().map(v -> field + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(path, body, Map.of());
    }

    /** Posts fields in order, a name repeated as often as it appears (several ticked captures), with the CSRF token. */
    HttpResponse<String> postFields(String path, List<Map.Entry<String, String>> fields) throws Exception {
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return send(path, body, Map.of());
    }

    HttpResponse<String> postRaw(String path, Map<String, String> form) throws Exception {
        return postRaw(path, form, Map.of());
    }

    HttpResponse<String> postRaw(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(path, body, headers);
    }

    private HttpResponse<String> send(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String tokenOn(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertTrue(matcher.find(), html);
        return matcher.group(1);
    }
}
