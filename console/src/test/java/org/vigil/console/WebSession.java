package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a screen: a cookie jar over HTTP (or HTTPS), filling in forms' CSRF tokens as a page would. */
final class WebSession {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>");

    private final String base;
    private final Path dataDir;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    /** Over HTTP or, when the console serves HTTPS, over TLS trusting the console's CA only. */
    WebSession(Console console) {
        this(console.httpUrl(), console.dataDir(), console.caCertificate());
    }

    /** A browser for a console in another process: its web address ({@code https://…/}), data dir and CA. */
    WebSession(String url, Path dataDir, X509Certificate ca) {
        this.base = url.substring(0, url.length() - 1);
        this.dataDir = dataDir;
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (base.startsWith("https:")) {
            try {
                builder.sslContext(HttpsClients.context(ca));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        this.http = builder.build();
    }

    /**
     * Signs in through the form as a person would, with the second factor when the user has it on (a code from
     * their {@link Phone}) and enrolling them when the console requires it and they have not yet; asserts it worked.
     */
    static WebSession signIn(Console console, String username, String password) throws Exception {
        WebSession session = new WebSession(console);
        HttpResponse<String> response = session.signInAttempt(username, password);
        assertEquals(303, response.statusCode(), response.body());
        session.refreshCsrf(session.completeSignIn(username, session.location(response)));
        return session;
    }

    /**
     * Has the admin create a user with this role, signs them in with the one-time password, sets their own
     * ("USERNAME passphrase") and enrols them in two-factor sign-in where required; returns their session.
     */
    static WebSession newUser(Console console, WebSession admin, String username, String role) throws Exception {
        return newUser(console, admin, username, role, Map.of());
    }

    /** As {@link #newUser(Console, WebSession, String, String)}, with more fields of the form (a school). */
    static WebSession newUser(Console console, WebSession admin, String username, String role,
                              Map<String, String> fields) throws Exception {
        String oneTime = createUser(admin, username, role, fields);
        WebSession session = new WebSession(console);
        session.signInAttempt(username, oneTime);
        session.refreshCsrf("/account/password");
        String chosen = username + " passphrase";
        HttpResponse<String> changed = session.post("/account/password",
                Map.of("current", oneTime, "password", chosen, "repeat", chosen));
        assertEquals(303, changed.statusCode());
        session.refreshCsrf(session.completeSignIn(username, session.location(changed)));
        return session;
    }

    /**
     * Goes on from where a password sign-in landed: answers the code page, or enrols on the two-factor page (with
     * the secret the page shows, as a person scanning it would); returns where the user finally lands.
     */
    String completeSignIn(String username, String landed) throws Exception {
        String where = landed;
        if (where.startsWith("/login/code")) {
            refreshCsrf(where);
            HttpResponse<String> passed = post("/login/code", Map.of("code", Phone.freshCode(dataDir, username)));
            assertEquals(303, passed.statusCode(), passed.body());
            where = location(passed);
        }
        if (where.equals("/account/two-factor")) {
            enrolTwoFactor();
            where = location(get("/"));
        }
        return where;
    }

    /**
     * Enrols the signed-in user with the secret the enrolment page shows; returns the recovery codes shown. The code
     * is the earliest step the console accepts, leaving the next two for sign-ins without a wait.
     */
    List<String> enrolTwoFactor() throws Exception {
        HttpResponse<String> page = get("/account/two-factor");
        assertEquals(200, page.statusCode(), page.body());
        Matcher secret = SECRET.matcher(page.body());
        assertTrue(secret.find(), page.body());
        csrf = tokenOn(page.body());
        HttpResponse<String> enrolled = post("/account/two-factor", Map.of("code", Phone.code(secret.group(1),
                Phone.earliestSafeStep())));
        assertEquals(200, enrolled.statusCode(), enrolled.body());
        Matcher codes = RECOVERY_CODE.matcher(enrolled.body());
        List<String> recovery = new java.util.ArrayList<>();
        while (codes.find()) {
            recovery.add(codes.group(1));
        }
        assertEquals(10, recovery.size(), enrolled.body());
        return recovery;
    }

    /** Has the admin create a user; returns the one-time password the page shows once. */
    static String createUser(WebSession admin, String username, String role) throws Exception {
        return createUser(admin, username, role, Map.of());
    }

    /** As {@link #createUser(WebSession, String, String)}, with more fields of the form. */
    static String createUser(WebSession admin, String username, String role, Map<String, String> fields)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("username", username);
        form.put("role", role);
        HttpResponse<String> created = admin.post("/users", form);
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

    /** Posts one file as multipart/form-data with this session's CSRF token, as a form's file input would. */
    HttpResponse<String> postFile(String path, String field, String filename, byte[] content) throws Exception {
        return postFile(path, Map.of(), field, filename, content);
    }

    /** As {@link #postFile(String, String, String, byte[])} with other fields of the form before the file. */
    HttpResponse<String> postFile(String path, Map<String, String> fields, String field, String filename,
                                  byte[] content) throws Exception {
        String boundary = "----vigil-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf
                + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> other : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + other.getKey()
                    + "\"\r\n\r\n" + other.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
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
