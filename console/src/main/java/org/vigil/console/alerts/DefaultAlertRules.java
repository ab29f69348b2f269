package org.vigil.console.alerts;

import java.util.List;
import org.vigil.console.auth.Role;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.NewCapture;

/**
 * The rule before a school sets its own: every enabled DSL with an email address gets every severity 4-5 capture,
 * and so does the webhook.
 */
public final class DefaultAlertRules implements AlertRules {
    static final int MIN_SEVERITY = 4;

    private final AlertRepository alerts;

    public DefaultAlertRules(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public List<AlertRecipient> recipientsFor(NewCapture capture) {
        return capture.severity() >= MIN_SEVERITY ? alerts.recipientsWithRole(Role.DSL.name()) : List.of();
    }

    @Override
    public boolean webhookFor(NewCapture capture) {
        return capture.severity() >= MIN_SEVERITY;
    }
}
