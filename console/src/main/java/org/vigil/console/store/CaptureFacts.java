package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What an alert may say about a capture: category, severity, time, pupil (OS login, and the directory's name, year
 * and form when it knows them: {@code pupilName}, e.g. "Bella Smith, Year 9, 9B") and device. Deliberately not
 * the matched text, context, window title, screenshot or the pupil's flags: email and webhooks are not safe places
 * for them.
 */
public record CaptureFacts(long captureId, String category, int severity, Instant occurredAt, String osUser,
                           String hostname, Optional<String> pupilName) {

    public CaptureFacts(long captureId, String category, int severity, Instant occurredAt, String osUser,
                        String hostname) {
        this(captureId, category, severity, occurredAt, osUser, hostname, Optional.empty());
    }
}
