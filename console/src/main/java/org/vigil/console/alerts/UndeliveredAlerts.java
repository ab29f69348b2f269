package org.vigil.console.alerts;

import java.time.Instant;
import java.util.Optional;
import org.vigil.console.store.AlertBacklog;
import org.vigil.console.store.AlertRepository;

/** Whether alerts are waiting to be delivered, and why: for the overview. Counts and errors only, no content. */
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

    /** How many alerts wait, since when, and why. */
    public record Summary(long count, Instant oldest, String reason) {
    }
}
