package org.vigil.console.auth;

import java.time.Duration;

/**
 * How long a session lasts: {@code idle} since the user's last request, and {@code absolute} since sign-in
 * whatever the activity (a school day, so a session left open overnight is gone by the morning).
 */
public record SessionTimeouts(Duration idle, Duration absolute) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);

    public SessionTimeouts {
        if (idle == null || absolute == null || idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException("session timeouts need 0 < idle <= absolute, got " + idle + ", "
                    + absolute);
        }
    }

    public static SessionTimeouts defaults() {
        return new SessionTimeouts(DEFAULT_IDLE, DEFAULT_ABSOLUTE);
    }
}
