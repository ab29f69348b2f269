package org.vigil.console.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSenderTest {

    @Test
    void backoffStartsAtTenSecondsAndDoublesToTenMinutesThenStaysThere() {
        assertEquals(Duration.ofSeconds(10), AlertSender.backoff(1));
        assertEquals(Duration.ofSeconds(20), AlertSender.backoff(2));
        assertEquals(Duration.ofSeconds(40), AlertSender.backoff(3));
        assertEquals(Duration.ofSeconds(320), AlertSender.backoff(6));
        assertEquals(Duration.ofMinutes(10), AlertSender.backoff(7));
        assertEquals(Duration.ofMinutes(10), AlertSender.backoff(1_000));
        AlertSender.Timing fast = new AlertSender.Timing(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(2), fast.backoff(2));
        assertEquals(Duration.ofSeconds(3), fast.backoff(5));
    }

    @Test
    void aRecordedErrorIsOneLineWithItsCausesAndNeverThePassword() {
        Exception failure = new IllegalStateException("535 5.7.8 Authentication failed\r\n for user:hunter2",
                new IOException("server said\nno"));
        assertEquals("535 5.7.8 Authentication failed for user:****: server said no",
                AlertSender.describe(failure, List.of("hunter2")));
        String longLine = AlertSender.describe(new IOException("x".repeat(1_000)), List.of());
        assertEquals(AlertSender.MAX_ERROR_CHARS, longLine.length());
    }
}
