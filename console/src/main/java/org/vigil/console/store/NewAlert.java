package org.vigil.console.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An alert to put in the outbox: its own id (a UUID that travels with the message), its kind and what makes it the
 * same alert ({@code dedupeKey}: queuing the same one twice adds nothing), the capture it is about (none for a
 * digest or an IT alert), the channel and the recipient (an address for email, {@link #WEBHOOK_RECIPIENT} for the
 * webhook, whose URL is configuration), and the subject and body for a message composed now (a headline only, or
 * nothing, for an alert about one capture).
 */
public record NewAlert(String alertId, AlertKind kind, String dedupeKey, Optional<Long> captureId,
                       AlertChannel channel, Optional<Long> userId, String recipient, Optional<String> subject,
                       Optional<String> body) {
    public static final String WEBHOOK_RECIPIENT = "webhook";

    public NewAlert {
        Objects.requireNonNull(dedupeKey);
        if (kind.aboutOneCapture() != captureId.isPresent()) {
            throw new IllegalArgumentException(kind + " alerts " + (kind.aboutOneCapture() ? "need" : "have no")
                    + " capture");
        }
        if (!kind.aboutOneCapture() && (subject.isEmpty() || body.isEmpty())) {
            throw new IllegalArgumentException(kind + " alerts carry their subject and body");
        }
    }

    /** A new capture's email to one DSL. */
    public static NewAlert email(String alertId, long captureId, long userId, String email) {
        return aboutCapture(alertId, AlertKind.CAPTURE, Long.toString(captureId), captureId, userId, email,
                Optional.empty());
    }

    /** A new capture's webhook alert. */
    public static NewAlert webhook(String alertId, long captureId) {
        return webhook(alertId, AlertKind.CAPTURE, Long.toString(captureId), captureId, Optional.empty());
    }

    /** An email about one capture (escalation, assignment) with the headline saying why it is sent. */
    public static NewAlert aboutCapture(String alertId, AlertKind kind, String dedupeKey, long captureId,
                                        long userId, String email, Optional<String> headline) {
        return new NewAlert(alertId, kind, dedupeKey, Optional.of(captureId), AlertChannel.EMAIL,
                Optional.of(userId), email, headline, Optional.empty());
    }

    /** A webhook alert about one capture (a new one, an escalation). */
    public static NewAlert webhook(String alertId, AlertKind kind, String dedupeKey, long captureId,
                                   Optional<String> headline) {
        return new NewAlert(alertId, kind, dedupeKey, Optional.of(captureId), AlertChannel.WEBHOOK,
                Optional.empty(), WEBHOOK_RECIPIENT, headline, Optional.empty());
    }

    /** A digest or IT email composed now: its subject and body must hold no captured text. */
    public static NewAlert composedEmail(String alertId, AlertKind kind, String dedupeKey, long userId, String email,
                                         String subject, String body) {
        return new NewAlert(alertId, kind, dedupeKey, Optional.empty(), AlertChannel.EMAIL, Optional.of(userId),
                email, Optional.of(subject), Optional.of(body));
    }
}
