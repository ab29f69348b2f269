package org.vigil.console.store;

import java.util.Optional;

/**
 * An undelivered alert and what its message is made from.
 *
 * @param recipient the email address, or {@link NewAlert#WEBHOOK_RECIPIENT}
 */
public record PendingAlert(String alertId, AlertKind kind, AlertChannel channel, String recipient, int attempts,
                           AlertContent content) {

    /** The capture this alert is about, if it is about one. */
    public Optional<CaptureFacts> capture() {
        return content instanceof AlertContent.AboutCapture about ? Optional.of(about.facts()) : Optional.empty();
    }

    /** For logs: "capture 42", or the kind. */
    public String describe() {
        return capture().map(facts -> kind.name().toLowerCase(java.util.Locale.ROOT) + " alert for capture "
                + facts.captureId()).orElse(kind.name().toLowerCase(java.util.Locale.ROOT) + " alert");
    }
}
