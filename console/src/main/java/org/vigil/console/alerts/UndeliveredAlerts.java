package org.vigil.console.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigil.console.store.AlertBacklog;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.AlertRepository;

/**
 * Whether alerts are waiting to be delivered, and why: for the overview and the devices page. Counts and errors only,
 * no content.
 */
public final class UndeliveredAlerts {
    public static final String NO_MAIL_SERVER = "no mail server configured";

    private final AlertRepository alerts;
    private final boolean mailConfigured;

    public UndeliveredAlerts(AlertRepository alerts, boolean mailConfigured) {
        this.alerts = alerts;
        this.mailConfigured = mailConfigured;
    }

    /** What is waiting; empty when every alert is delivered. */
    public Optional<Summary> summary() {
        AlertBacklog backlog = alerts.backlog();
        if (backlog.undelivered() == 0) {
            return Optional.empty();
        }
        String reason = mailConfigured
                ? backlog.lastError().orElse("not tried yet")
                : NO_MAIL_SERVER + " (set " + SmtpUrl.ENV + " and " + MailSettings.FROM_ENV + ")";
        return Optional.of(new Summary(backlog.undelivered(), backlog.oldest().orElseThrow(), reason));
    }

    /**
     * What is waiting on each channel (email, webhook), and why; none for a channel with nothing waiting. A mail
     * server that is down says nothing about the webhook.
     */
    public List<ChannelSummary> byChannel() {
        List<ChannelSummary> out = new ArrayList<>();
        for (AlertChannel channel : AlertChannel.values()) {
            AlertBacklog backlog = alerts.backlog(channel);
            if (backlog.undelivered() > 0) {
                out.add(new ChannelSummary(channel, backlog.undelivered(), backlog.oldest().orElseThrow(),
                        reason(channel, backlog)));
            }
        }
        return out;
    }

    private String reason(AlertChannel channel, AlertBacklog backlog) {
        if (channel == AlertChannel.EMAIL && !mailConfigured) {
            return NO_MAIL_SERVER + " (set " + SmtpUrl.ENV + " and " + MailSettings.FROM_ENV + ")";
        }
        return backlog.lastError().orElse("not tried yet");
    }

    /** One channel's waiting alerts: how many, since when, and why. */
    public record ChannelSummary(AlertChannel channel, long count, Instant oldest, String reason) {
        /** "Email" or "Webhook". */
        public String label() {
            String name = channel.name().toLowerCase(Locale.ROOT);
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }

    /** How many alerts wait, since when, and why. */
    public record Summary(long count, Instant oldest, String reason) {
    }
}
