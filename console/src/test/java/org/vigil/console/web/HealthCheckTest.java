package org.vigil.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.runtime.Supervisor;

/** {@code /healthz} over real HTTP, on a supervisor whose workers fail in the ways a console's can. */
class HealthCheckTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> fatal.add(worker), Clock.systemUTC(),
            Duration.ofMillis(10));
    private WebServer web;

    @BeforeEach
    void start() {
        web = WebServer.start("127.0.0.1", 0, List.of(new HealthCheck(supervisor::health)::register));
    }

    @AfterEach
    void stop() {
        web.close();
        supervisor.close();
    }

    @Test
    void listsEveryWorkerWithItsStateAndLastFailure() throws Exception {
        supervisor.thread("vigil-capture-writer", () -> Thread.sleep(Long.MAX_VALUE));
        supervisor.executor("vigil-heartbeats").execute(() -> {
            throw new IllegalStateException("database is locked\n" + "SELECT secret FROM devices");
        });
        waitUntil(WAIT, "the task failed", () -> supervisor.health().get(1).failures() == 1);

        HttpResponse<String> response = get();
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("ok", body.get("status").asText());
        JsonNode writer = body.get("workers").get(0);
        assertEquals("vigil-capture-writer", writer.get("name").asText());
        assertEquals("RUNNING", writer.get("state").asText());
        assertEquals(0, writer.get("failures").asLong());
        assertFalse(writer.has("lastFailure"), "no failure, no field");
        JsonNode heartbeats = body.get("workers").get(1);
        assertEquals(1, heartbeats.get("failures").asLong());
        assertEquals("java.lang.IllegalStateException: database is locked", heartbeats.get("lastFailure").asText(),
                "one line of the failure, no more");
    }

    @Test
    void aDeadWorkerMakesItFailingWith503() throws Exception {
        supervisor.thread("vigil-policy-watch", () -> Thread.sleep(Long.MAX_VALUE));
        supervisor.thread("vigil-capture-writer", () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        waitUntil(WAIT, "the fatal handler heard of it", () -> fatal.contains("vigil-capture-writer"));

        HttpResponse<String> response = get();
        assertEquals(503, response.statusCode());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("failing", body.get("status").asText());
        assertEquals("RUNNING", body.get("workers").get(0).get("state").asText());
        JsonNode dead = body.get("workers").get(1);
        assertEquals("DEAD", dead.get("state").asText());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", dead.get("lastFailure").asText());
    }

    @Test
    void aFailureIsCutShortAndADatabaseDriversMessageIsLeftOut() {
        assertEquals("org.sqlite.SQLiteException", HealthCheck.safe(
                "org.sqlite.SQLiteException: [SQLITE_ERROR] near \"SELEC\": syntax error"));
        assertEquals("java.sql.SQLException", HealthCheck.safe("java.sql.SQLException: UPDATE devices SET x = 1"));
        String cut = HealthCheck.safe("java.lang.IllegalStateException: " + "x".repeat(500));
        assertEquals(HealthCheck.MAX_FAILURE_CHARS, cut.length());
        assertTrue(cut.endsWith("…"));
    }

    private HttpResponse<String> get() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
