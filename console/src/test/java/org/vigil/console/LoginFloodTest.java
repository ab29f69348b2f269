package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * One anonymous visitor's flood of sign-in attempts with random usernames (issue 13): every answer is a refusal
 * (401, 429 or 503 with Retry-After), never an error; the console keeps answering /healthz and acking another
 * device's events meanwhile; the audit log records a bounded number of failures, not one row per flooded request;
 * and no worker has died afterwards. How fast it stays is the login-flood benchmark's job, not this test's.
 */
class LoginFloodTest {
    private static final int VISITORS = 40;
    private static final int ATTEMPTS_EACH = 3;

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
    void aFloodOfRandomNamesIsRefusedCheaplyWhileIngestAndHealthCarryOn() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), "correct horse battery staple"));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> retryAfterMissing = ConcurrentHashMap.newKeySet();
        ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
        List<Future<?>> flood = new ArrayList<>();
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            SeededDevices seeded = new SeededDevices(console, dataDir, client);
            EnrollResponse device = seeded.enrolled("lab-pc");
            try (DeviceStream stream = seeded.connected(device, Hello.newBuilder().build())) {
                for (int v = 0; v < VISITORS; v++) {
                    flood.add(visitors.submit(() -> {
                        WebSession visitor = new WebSession(console);
                        for (int i = 0; i < ATTEMPTS_EACH; i++) {
                            // the form itself may be refused: requests without a session are limited per address
                            HttpResponse<String> form = visitor.get("/login");
                            HttpResponse<String> answer = form.statusCode() == 429 ? form
                                    : visitor.postRaw("/login", Map.of("csrf", WebSession.tokenOn(form.body()),
                                            "username", UUID.randomUUID().toString(), "password", "guess"));
                            statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (answer.statusCode() != 401 && answer.headers().firstValue("Retry-After").isEmpty()) {
                                retryAfterMissing.add(answer.statusCode() + "");
                            }
                        }
                        return null;
                    }));
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int seq = 1; seq <= 5; seq++) {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + console.httpPort() + "/healthz"))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, health.statusCode(), health.body());
                    Event event = Events.valid().setSeq(seq).build();
                    stream.send(event);
                    assertEquals(event.getEventId(), stream.take(Duration.ofSeconds(20)).getAck().getEventId(),
                            "another device's events are acked during the flood");
                }
                for (Future<?> visitor : flood) {
                    visitor.get(2, TimeUnit.MINUTES);
                }
            }
        } finally {
            visitors.shutdownNow();
        }

        assertTrue(Set.of(401, 429, 503).containsAll(statuses.keySet()), "only refusals: " + statuses);
        assertTrue(statuses.containsKey(429), "the address is locked out: " + statuses);
        assertEquals(Set.of(), retryAfterMissing, "every 429 and 503 says when to come back");
        long failuresRecorded = Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'login.failed'");
        assertTrue(failuresRecorded <= 30 + VISITORS, "audit rows are bounded by the throttle, not the flood: "
                + failuresRecorded + " of " + VISITORS * ATTEMPTS_EACH);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + console.httpPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(health.body().startsWith("{\"status\":\"ok\"") && !health.body().contains("DEAD")
                && !health.body().contains("RESTARTING"), "no worker died: " + health.body());
    }
}
