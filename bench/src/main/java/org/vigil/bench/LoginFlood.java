package org.vigil.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in flood itself: {@code visitors} anonymous clients, each fetching the sign-in form and posting a random
 * username and password as fast as it is answered, until {@code seconds} have passed; counts the answers by status.
 * Used in the harness's JVM or in a process of its own ({@link LoginFloodClient}).
 */
final class LoginFlood {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final int visitors;
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();

    LoginFlood(String base, int visitors) {
        this.base = base;
        this.visitors = visitors;
    }

    /** Floods for the given time and returns when every visitor has stopped. */
    void run(int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(visitors);
        try {
            for (int v = 0; v < visitors; v++) {
                pool.submit(() -> visit(until));
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private void visit(long until) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 429 || page.statusCode() == 503) { // limited per address, or no room
                    count(page.statusCode());
                    continue;
                }
                Matcher token = TOKEN.matcher(page.body());
                if (!token.find()) {
                    errors.incrementAndGet();
                    continue;
                }
                String body = "csrf=" + enc(token.group(1)) + "&username=" + enc(UUID.randomUUID().toString())
                        + "&password=" + enc("guess-" + UUID.randomUUID());
                count(http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    private void count(int status) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /** The answers by status, e.g. {@code {401=2, 429=99952}}. */
    Map<Integer, Integer> answers() {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        answers.forEach((status, count) -> byStatus.put(status, count.get()));
        return byStatus;
    }

    int errors() {
        return errors.get();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
