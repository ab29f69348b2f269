package org.vigil.console.alerts;

import java.util.List;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.NewCapture;

/**
 * Who is alerted at once about a new capture. Called inside the capture's transaction, so it may read the database
 * and must be quick. A school's own rules (severities, categories, rota) replace {@link DefaultAlertRules} here;
 * the outbox does not change.
 */
@FunctionalInterface
public interface AlertRules {
    List<AlertRecipient> recipientsFor(NewCapture capture);
}
