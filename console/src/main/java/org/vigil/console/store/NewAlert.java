package org.vigil.console.store;

import java.util.Optional;

/**
 * An alert to put in the outbox: its own id (a UUID that travels with the message), the capture, the channel and
 * the recipient (an address for email, {@link #WEBHOOK_RECIPIENT} for the webhook, whose URL is configuration).
 */
public record NewAlert(String alertId, long captureId, AlertChannel channel, Optional<Long> userId,
                       String recipient) {
    public static final String WEBHOOK_RECIPIENT = "webhook";

    public static NewAlert email(String alertId, long captureId, long userId, String email) {
        return new NewAlert(alertId, captureId, AlertChannel.EMAIL, Optional.of(userId), email);
    }

    public static NewAlert webhook(String alertId, long captureId) {
        return new NewAlert(alertId, captureId, AlertChannel.WEBHOOK, Optional.empty(), WEBHOOK_RECIPIENT);
    }
}
