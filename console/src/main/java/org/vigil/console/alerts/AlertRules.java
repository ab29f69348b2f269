package org.vigil.console.alerts;

import java.util.List;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.NewCapture;

/**
 * Who is alerted at once about a new capture, by email and by webhook. Called inside the capture's transaction, so
 * it may read the database and must be quick. The school's own rules (severities, categories, school hours, rota)
 * answer here ({@code alerts.rules.SchoolAlertRules}, ADR 0104); the outbox does not change.
 */
public interface AlertRules {
    /** The users told by email. */
    List<AlertRecipient> recipientsFor(NewCapture capture);

    /** Whether the capture also goes to the webhook (one alert per capture), when one is configured. */
    boolean webhookFor(NewCapture capture);
}
