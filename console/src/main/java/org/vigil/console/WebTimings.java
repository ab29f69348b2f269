package org.vigil.console;

import java.time.Duration;
import org.vigil.console.auth.SessionTimeouts;

/**
 * The web side's clocks: how long sessions last, how often the live queue looks for ended sessions, and how often
 * it writes a keep-alive comment so that proxies do not close an idle stream (most give up after 30-60 s).
 * Tests shorten them; {@code serve} uses the defaults.
 */
public record WebTimings(SessionTimeouts sessions, Duration streamCheck, Duration keepAlive) {
    public static final Duration DEFAULT_STREAM_CHECK = Duration.ofSeconds(1);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(20);

    public WebTimings {
        if (sessions == null || streamCheck == null || keepAlive == null || streamCheck.isNegative()
                || streamCheck.isZero() || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("web timings must all be positive");
        }
    }

    public static WebTimings defaults() {
        return new WebTimings(SessionTimeouts.defaults(), DEFAULT_STREAM_CHECK, DEFAULT_KEEP_ALIVE);
    }

    public WebTimings withSessions(SessionTimeouts timeouts) {
        return new WebTimings(timeouts, streamCheck, keepAlive);
    }

    public WebTimings withKeepAlive(Duration interval) {
        return new WebTimings(sessions, streamCheck, interval);
    }
}
