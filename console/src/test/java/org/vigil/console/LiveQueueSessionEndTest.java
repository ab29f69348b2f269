package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.auth.SessionTimeouts;

/** The live queue's stream when its session ends, over real HTTP, with sessions that time out in seconds. */
class LiveQueueSessionEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration IDLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD, WebTimings.defaults()
            .withSessions(new SessionTimeouts(IDLE, Duration.ofHours(1)))
            .withKeepAlive(Duration.ofMillis(300)));

    @Test
    void theKeepAliveIntervalByDefaultSuitsProxies() {
        Duration keepAlive = WebTimings.defaults().keepAlive();
        assertTrue(keepAlive.compareTo(Duration.ofSeconds(15)) >= 0 && keepAlive.compareTo(Duration.ofSeconds(25)) <= 0,
                keepAlive.toString());
    }

    @Test
    void aStreamKeptOpenDoesNotKeepItsSessionAliveAndEndsWithSessionEnded() throws Exception {
        long signedIn = System.nanoTime(); // before: the session's idle time counts from its last request
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "?since=0", Map.of())) {
            assertEquals(200, events.status());
            boolean keptAlive = false;
            Optional<SseEvents.Item> item;
            do {
                item = events.next(Duration.ofSeconds(10));
                keptAlive |= item.filter(i -> i.isKeepAlive() && i.data().equals("{\"everyMillis\":300}"))
                        .isPresent();
            } while (item.isPresent() && (item.get().isComment() || item.get().isKeepAlive()
                    || item.get().event().equals("capture")));
            Duration open = Duration.ofNanos(System.nanoTime() - signedIn);
            assertTrue(keptAlive, "keep-alive events, naming their interval, kept the idle stream open for proxies");
            assertEquals("session-ended", item.orElseThrow().event());
            assertEquals("{\"reason\":\"idle\"}", item.get().data());
            assertTrue(open.compareTo(IDLE) >= 0, "ended after the idle timeout, not before: " + open);
            assertEquals(SseEvents.Item.END, events.nextEvent(Duration.ofSeconds(5)).orElseThrow(),
                    "the console closes the stream after saying why");
        }
        assertEquals(303, dsl.get("/captures").statusCode(), "the session is gone for pages too");
    }

    @Test
    void signingOutInAnotherTabEndsTheStreamAtOnce() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "", Map.of())) {
            assertEquals(200, events.status());
            dsl.refreshCsrf("/captures");
            long before = System.nanoTime();
            assertEquals(303, dsl.post("/logout", Map.of()).statusCode());
            SseEvents.Item item = events.nextEvent(Duration.ofSeconds(2)).orElseThrow();
            assertEquals("session-ended", item.event());
            assertEquals("{\"reason\":\"ended\"}", item.data());
            assertTrue(Duration.ofNanos(System.nanoTime() - before).compareTo(Duration.ofMillis(1500)) < 0);
        }
    }

    @Test
    void theProbeDoesNotExtendTheSession() throws Exception {
        long signedIn = System.nanoTime(); // before: the session's idle time counts from its last request
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        int status;
        do {
            HttpResponse<String> probe = dsl.get("/session");
            status = probe.statusCode();
            Thread.sleep(200);
        } while (status == 200 && System.nanoTime() - signedIn < Duration.ofSeconds(15).toNanos());
        Duration lived = Duration.ofNanos(System.nanoTime() - signedIn);
        assertEquals(401, status, "probing every 200 ms for " + lived + " kept the session alive");
        assertTrue(lived.compareTo(IDLE) >= 0, lived.toString());
    }
}
