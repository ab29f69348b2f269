package org.vigil.console.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser without a screen for the page benchmarks: reads each page a number of times and prints the
 * p50/p95 of the console's own {@code Server-Timing} and of the client's round trip.
 */
final class BenchBrowser {
    static final String HEADINGS = String.format(Locale.ROOT, "%-44s %10s %10s %10s %10s", "page", "server p50",
            "server p95", "client p50", "client p95");
    private static final int WARMUP = 5;
    private static final int RUNS = 30;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\">Next page");
    private static final Pattern SERVER_TIME = Pattern.compile("app;dur=([0-9.]+)");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    BenchBrowser(String base) {
        this.base = base;
    }

    /** Signs in with the password and then the two-factor {@code code} (the admin's {@code Phone} code now). */
    void signIn(String username, String password, String code) throws Exception {
        signIn(username, password, () -> code);
    }

    /**
     * As {@link #signIn(String, String, String)}, with the code taken once the password is accepted: on a loaded
     * machine the sign-in can take longer than a time step, and a code taken before it may be too old by then.
     */
    void signIn(String username, String password, java.util.function.Supplier<String> code) throws Exception {
        HttpResponse<String> response = postForm("/login", get("/login").body(), "username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + response.statusCode());
        }
        String landed = response.headers().firstValue("Location").orElse("");
        if (landed.startsWith("/login/code")) {
            HttpResponse<String> passed = postForm("/login/code", get(landed).body(),
                    "code=" + URLEncoder.encode(code.get(), StandardCharsets.UTF_8));
            if (passed.statusCode() != 303) {
                throw new IllegalStateException("the two-factor code was answered " + passed.statusCode());
            }
        }
    }

    private HttpResponse<String> postForm(String path, String pageWithForm, String fields) throws Exception {
        Matcher token = CSRF.matcher(pageWithForm);
        if (!token.find()) {
            throw new IllegalStateException("no form to post to " + path);
        }
        String form = "csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&" + fields;
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String nextHref(String path) throws Exception {
        Matcher next = NEXT.matcher(get(path).body());
        if (!next.find()) {
            throw new IllegalStateException("no next page after " + path);
        }
        return next.group(1).replace("&amp;", "&");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the page WARMUP times, then RUNS times measured, and prints one line of percentiles. */
    void measure(String name, String path) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            get(path);
        }
        double[] server = new double[RUNS];
        double[] roundTrip = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = get(path);
            roundTrip[i] = (System.nanoTime() - started) / 1_000_000.0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            Matcher timing = SERVER_TIME.matcher(response.headers().firstValue("Server-Timing").orElse(""));
            server[i] = timing.find() ? Double.parseDouble(timing.group(1)) : Double.NaN;
        }
        System.out.printf(Locale.ROOT, "%-44s %8.1f ms %8.1f ms %8.1f ms %8.1f ms%n", name, percentile(server, 50),
                percentile(server, 95), percentile(roundTrip, 50), percentile(roundTrip, 95));
    }

    /**
     * Reads every page in turn, {@code warmupRounds} times round, then {@code rounds} times round measured, and
     * prints one line of percentiles per page: the machine's load, the JIT's warming and the database's page cache
     * then fall on every page alike, not on whichever is measured first.
     */
    void measureRoundRobin(Map<String, String> pages, int warmupRounds, int rounds) throws Exception {
        for (int round = 0; round < warmupRounds; round++) {
            for (String path : pages.values()) {
                get(path);
            }
        }
        Map<String, double[]> server = new LinkedHashMap<>();
        Map<String, double[]> roundTrip = new LinkedHashMap<>();
        pages.keySet().forEach(name -> {
            server.put(name, new double[rounds]);
            roundTrip.put(name, new double[rounds]);
        });
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                long started = System.nanoTime();
                HttpResponse<String> response = get(page.getValue());
                roundTrip.get(page.getKey())[round] = (System.nanoTime() - started) / 1_000_000.0;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(page.getValue() + " answered " + response.statusCode());
                }
                Matcher timing = SERVER_TIME.matcher(response.headers().firstValue("Server-Timing").orElse(""));
                server.get(page.getKey())[round] = timing.find() ? Double.parseDouble(timing.group(1)) : Double.NaN;
            }
        }
        for (String name : pages.keySet()) {
            System.out.printf(Locale.ROOT, "%-44s %8.1f ms %8.1f ms %8.1f ms %8.1f ms%n", name,
                    percentile(server.get(name), 50), percentile(server.get(name), 95),
                    percentile(roundTrip.get(name), 50), percentile(roundTrip.get(name), 95));
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
