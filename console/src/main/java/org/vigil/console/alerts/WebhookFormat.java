package org.vigil.console.alerts;

import java.util.Locale;
import java.util.Optional;

/** The shape of a webhook's body ({@code VIGIL_ALERT_WEBHOOK_FORMAT}). */
public enum WebhookFormat {
    /** Vigil's own small JSON document, for a paging service or a script. */
    VIGIL,
    /** A Microsoft Teams message holding an Adaptive Card (Workflows and incoming-webhook URLs). */
    TEAMS,
    /** A Slack incoming-webhook message: {@code {"text": …}}. */
    SLACK;

    /**
     * The format named, {@code vigil} when none is.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static WebhookFormat parse(Optional<String> name) {
        String value = name.map(String::strip).filter(n -> !n.isEmpty()).orElse("vigil");
        for (WebhookFormat format : values()) {
            if (format.name().equalsIgnoreCase(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException(WebhookSettings.FORMAT_ENV + " must be vigil, teams or slack, not "
                + value);
    }
}
