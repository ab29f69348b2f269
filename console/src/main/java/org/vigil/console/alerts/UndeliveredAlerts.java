package org.vigil.console.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.vigil.console.store.AlertBacklog;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.AlertRepository;

/**
 * Whether alerts are waiting to be delivered, and why, channel by channel (a mail server that is down says nothing
 * about the webhook): for the overview and the devices page. Counts and errors only, no content.
 */
public final class UndeliveredAlerts {
    public static final String NO_WEBHOOK = "no webhook configured (set VIGIL_ALERT_WEBHOOK_URL and its secret)";

    private final AlertRepository alerts;
    private final ConfiguredMail mail;
    private final BooleanSupplier webhookConfigured;

    public UndeliveredAlerts(AlertRepository alerts, ConfiguredMail mail, BooleanSupplier webhookConfigured) {
        this.alerts = alerts;
        this.mail = mail;
        this.webhookConfigured = webhookConfigured;
    }

    /** What waits on each channel that has undelivered alerts; empty when every alert is delivered. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (AlertChannel channel : AlertChannel.values()) {
            AlertBacklog backlog = alerts.backlog(channel);
            if (backlog.undelivered() == 0) {
                continue;
            }
            boolean configured = channel == AlertChannel.EMAIL ? mail.current().isPresent()
                    : webhookConfigured.getAsBoolean();
            String reason = configured ? backlog.lastError().orElse("not tried yet")
                    : channel == AlertChannel.EMAIL ? mail.notConfiguredReason() : NO_WEBHOOK;
            out.add(new Summary(channel.name().toLowerCase(Locale.ROOT), backlog.undelivered(),
                    backlog.oldest().orElseThrow(), reason));
        }
        return out;
    }

    /** How many alerts wait on a channel ("email", "webhook"), since when, and why. */
    public record Summary(String channel, long count, Instant oldest, String reason) {
        /** "Email" or "Webhook". */
        public String label() {
            return Character.toUpperCase(channel.charAt(0)) + channel.substring(1);
        }
    }
}
