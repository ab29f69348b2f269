package org.vigil.console.alerts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.auth.Role;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.NewAlert;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.Transactions;

/**
 * Writes a new capture's alerts in the capture's own transaction: one email row per recipient address and, when a
 * webhook is configured, one webhook row per alerting capture, each with its own alert id. Only DSLs are ever
 * emailed about captures, whatever the rules say: IT and viewers see no capture content. Once the transaction
 * commits, whoever listens (the senders) is woken.
 */
public final class AlertOutbox implements NewCaptureHook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);

    private final AlertRules rules;
    private final AlertRepository alerts;
    private final Transactions transactions;
    private final boolean webhook;
    private final List<Runnable> queuedListeners = new CopyOnWriteArrayList<>();

    /** @param webhook whether a webhook is configured: without one, no webhook rows are written */
    public AlertOutbox(AlertRules rules, AlertRepository alerts, Transactions transactions, boolean webhook) {
        this.rules = rules;
        this.alerts = alerts;
        this.transactions = transactions;
        this.webhook = webhook;
    }

    /** Runs the action after each commit that queued alerts. */
    public void onQueued(Runnable action) {
        queuedListeners.add(action);
    }

    /**
     * Queues alerts other than a new capture's (an assignment) in the transaction open on this thread; the senders
     * are woken once it commits.
     */
    public void queue(List<NewAlert> alerts) {
        if (this.alerts.insert(alerts) > 0) {
            transactions.afterCommit(() -> queuedListeners.forEach(Runnable::run));
        }
    }

    @Override
    public void inserted(long captureId, NewCapture capture) {
        List<NewAlert> queued = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (AlertRecipient recipient : rules.recipientsFor(capture)) {
            if (!Role.DSL.name().equals(recipient.role())) {
                LOG.warn("An alert rule named user {} ({}), who may not see captures: skipped", recipient.username(),
                        recipient.role());
                continue;
            }
            // a shared safeguarding mailbox given to two DSLs gets one email
            if (addresses.add(recipient.email().toLowerCase(Locale.ROOT))) {
                queued.add(NewAlert.email(UUID.randomUUID().toString(), captureId, recipient.userId(),
                        recipient.email()));
            }
        }
        if (webhook && rules.webhookFor(capture)) {
            queued.add(NewAlert.webhook(UUID.randomUUID().toString(), captureId));
        }
        if (!queued.isEmpty()) {
            alerts.insert(queued);
            transactions.afterCommit(() -> queuedListeners.forEach(Runnable::run));
        }
    }
}
