package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.edge.RateLimit;
import org.vigil.console.edge.WebCapacity;

/**
 * The web port's front door and its bounded handlers (issue 13), on a real console over real HTTP: an address locked
 * out of signing in is refused before its form is read, so even the right password costs no password check and opens
 * no session; and while every handler slot is held by slow uploads and the waiting room is full, {@code /healthz}
 * still answers and other visitors get a fast 503 with {@code Retry-After} rather than a growing wait; and a refusal
 * is held back a second without holding a thread, so a client that ignores {@code Retry-After} is slowed down.
 */
class WebFrontDoorTest {
    private static final String PASSWORD = "front door: copper lantern meadow";

    @TempDir
    Path dataDir;
    private Console console;

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aLockedOutAddressIsRefusedBeforeAnyPasswordCheckOrSession() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        ExecutorService visitors = Executors.newFixedThreadPool(6);
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        try { // random usernames: only the address's own lockout (30 failures or busy refusals) stops them
            List<Future<?>> attempts = new ArrayList<>();
            for (int v = 0; v < 6; v++) {
                attempts.add(visitors.submit(() -> {
                    WebSession guesser = new WebSession(console);
                    for (int i = 0; i < 20; i++) {
                        HttpResponse<String> answer = guesser.postRaw("/login", Map.of("csrf",
                                WebSession.tokenOn(guesser.get("/login").body()), "username",
                                UUID.randomUUID().toString(), "password", "guess"));
                        statuses.add(answer.statusCode());
                        if (answer.statusCode() == 429) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get(3, TimeUnit.MINUTES);
            }
        } finally {
            visitors.shutdownNow();
        }
        assertTrue(Set.of(401, 429, 503).containsAll(statuses) && statuses.contains(429), "refusals, then the"
                + " lockout: " + statuses);
        WebSession visitor = new WebSession(console);

        long checksBefore = console.services().hasher().checksRun();
        long sessionsBefore = Db.count(dataDir, "SELECT count(*) FROM web_sessions");
        String token = WebSession.tokenOn(visitor.get("/login").body()); // the form itself is still shown
        HttpResponse<String> refused = visitor.postRaw("/login", Map.of("csrf", token,
                "username", AdminDsl.USERNAME, "password", PASSWORD));

        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().startsWith("Too many failed sign-ins from your address"), refused.body());
        assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(""),
                "the refusal carries the console's security headers");
        assertTrue(refused.headers().allValues("Set-Cookie").isEmpty(), "no cookie, no form token, no session: "
                + refused.headers().allValues("Set-Cookie"));
        assertEquals(checksBefore, console.services().hasher().checksRun(),
                "no password was checked, not even the right one");
        assertEquals(sessionsBefore, Db.count(dataDir, "SELECT count(*) FROM web_sessions"));
    }

    @Test
    void healthAnswersAndVisitorsGetAFast503WhileEveryHandlerIsHeld() throws Exception {
        ConsoleConfig loopback = AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD);
        console = Console.start(loopback.withEdge(loopback.edge()
                .with(new WebCapacity(2, 1, Duration.ofSeconds(20)))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) { // two in the handlers, waiting for a body that never comes; one queued
                held.add(slowUpload());
            }
            // the uploads' headers must reach the server before the first probe, or a probe takes the one queue
            // place and the third upload is refused instead (seen on a busy machine: the probe then waited 20 s)
            Thread.sleep(1_000);
            HttpResponse<String> turnedAway = awaitRefusal(http);
            assertEquals(503, turnedAway.statusCode());
            assertTrue(turnedAway.headers().firstValue("Retry-After").isPresent(), "a 503 says when to come back");

            long start = System.nanoTime();
            HttpResponse<String> health = send(http, "/healthz");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().startsWith("{\"status\":\"ok\""), health.body());
            assertTrue(millis < 5_000, "/healthz does not wait for a handler slot: " + millis + " ms");

            start = System.nanoTime();
            assertEquals(503, send(http, "/login").statusCode(), "still full");
            millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "refused at once, not after the 20 s a queued request may wait: " + millis);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do { // the held handlers end when their connections close
            status = send(http, "/login").statusCode();
        } while (status != 200 && System.nanoTime() < until);
        assertEquals(200, status, "the console serves again once the slow uploads are gone");
    }

    @Test
    void refusalsAreHeldBackASecondWithoutAThreadEach() throws Exception {
        ConsoleConfig loopback = AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD);
        console = Console.start(loopback.withEdge(loopback.edge()
                .with(new RateLimit(1, Duration.ofHours(1), 100))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertEquals(200, send(http, "/login").statusCode(), "the address's one request");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        List<CompletableFuture<Long>> refusals = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // more than Jetty's 250 threads, each on a connection of its own
            long sent = System.nanoTime();
            refusals.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort()
                            + "/login")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(answer -> {
                        assertEquals(429, answer.statusCode(), answer.body());
                        assertTrue(answer.headers().firstValue("Retry-After").isPresent());
                        return (System.nanoTime() - sent) / 1_000_000;
                    }));
        }
        Thread.sleep(500);
        int threadsWhileHeld = threads.getThreadCount();
        HttpResponse<String> health = send(http, "/healthz");
        assertEquals(200, health.statusCode(), "/healthz is answered while the refusals wait");
        long fastest = Long.MAX_VALUE;
        for (CompletableFuture<Long> refusal : refusals) {
            fastest = Math.min(fastest, refusal.get(30, TimeUnit.SECONDS));
        }
        assertTrue(fastest >= 900, "each refusal was held back about a second: the fastest came in " + fastest
                + " ms");
        assertTrue(threadsWhileHeld - threadsBefore < 100, "held refusals take no thread each: " + threadsBefore
                + " threads before, " + threadsWhileHeld + " while 300 were held");
    }

    /** A sign-in post that announces a body and sends only its first bytes, holding a handler as it reads. */
    private Socket slowUpload() throws IOException {
        Socket socket = new Socket("127.0.0.1", console.httpPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 10000\r\n\r\ncsrf=").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Asks for the sign-in form until the console has no room for it (the held uploads have reached it). */
    private HttpResponse<String> awaitRefusal(HttpClient http) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> answer;
        do {
            answer = send(http, "/login");
        } while (answer.statusCode() != 503 && System.nanoTime() < until);
        return answer;
    }

    private HttpResponse<String> send(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
