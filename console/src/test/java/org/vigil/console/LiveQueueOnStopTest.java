package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A console that stops (an upgrade, a restart, one instance of several taken out) ends every open live queue's
 * stream at once, so each page says "reconnecting…" and comes back, here or on another instance, instead of
 * listening to a connection that will never carry anything again.
 */
class LiveQueueOnStopTest {
    private static final String PASSWORD = "live queue on stop password";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);

    @Test
    void stoppingTheConsoleEndsAnOpenStreamWithinASecond() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "?since=0", Map.of())) {
            assertEquals(200, events.status());
            assertEquals("connected", events.next(Duration.ofSeconds(10)).orElseThrow().data());
            long stopping = System.nanoTime();
            running.stop();
            try {
                assertEquals(SseEvents.Item.END, events.nextEvent(Duration.ofSeconds(5)).orElseThrow(),
                        "the stream ended");
                Duration ended = Duration.ofNanos(System.nanoTime() - stopping);
                assertTrue(ended.compareTo(Duration.ofSeconds(7)) < 0, "ended as the console stopped: " + ended);
            } finally {
                running.startAgain();
            }
        }
    }
}
