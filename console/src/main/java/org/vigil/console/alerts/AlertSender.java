package org.vigil.console.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.PendingAlert;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Sends the outbox's due alerts on one supervised thread (one sender per console), every few seconds and at once
 * when new alerts are committed. An alert is marked delivered only after the mail server accepted it, so a crash
 * in between sends it again after the restart (at least once; its alert id makes the repeat recognisable). A
 * failed attempt is recorded with its error and tried again after a backoff of 10 s doubling to 10 minutes, for
 * as long as it takes: an alert is never given up.
 */
public final class AlertSender implements AutoCloseable {
    public static final String WORKER = "vigil-alert-sender";
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int MAX_ERROR_CHARS = 300;
    private static final int BATCH = 50;
    private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);

    private final AlertRepository alerts;
    private final MailTransport mail;
    private final AlertEmail email;
    private final Clock clock;
    private final Optional<String> secret;
    private final SerialExecutor executor;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /**
     * Starts sending: alerts left undelivered by an earlier run are due at once (the mail setting may have been
     * fixed since).
     *
     * @param secret a value that must never appear in a recorded error (the SMTP password)
     */
    public AlertSender(AlertRepository alerts, MailTransport mail, AlertEmail email, Clock clock,
                       Optional<String> secret, Duration interval, Supervisor supervisor) {
        this.alerts = alerts;
        this.mail = mail;
        this.email = email;
        this.clock = clock;
        this.secret = secret.filter(s -> !s.isEmpty());
        this.executor = supervisor.executor(WORKER);
        int waiting = alerts.makeAllDueNow();
        if (waiting > 0) {
            LOG.info("{} undelivered alert(s) from before this start are due now", waiting);
        }
        executor.scheduleWithFixedDelay(this::sendDue, Duration.ZERO, interval);
    }

    /** Sends what is due soon, without waiting for the next round (after a commit that queued alerts). */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeQueued.set(false);
                sendDue();
            });
        }
    }

    private void sendDue() {
        while (true) {
            List<PendingAlert> due = alerts.due(BATCH);
            for (PendingAlert alert : due) {
                if (!sendOne(alert)) {
                    // the server is likely down for all: leave the rest to the next round, not N timeouts now
                    return;
                }
            }
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    private boolean sendOne(PendingAlert alert) {
        try {
            mail.send(email.compose(alert));
        } catch (Exception e) {
            int attempt = alert.attempts() + 1;
            Duration wait = backoff(attempt);
            String error = describe(e, secret);
            alerts.markFailed(alert.alertId(), error, clock.instant().plus(wait));
            LOG.warn("Alert {} (capture {}) not delivered, attempt {}: {}; next attempt in {} s", alert.alertId(),
                    alert.captureId(), attempt, error, wait.toSeconds());
            return false;
        }
        alerts.markDelivered(alert.alertId());
        LOG.info("Alert {} (capture {}, severity {}) delivered to the mail server", alert.alertId(),
                alert.captureId(), alert.severity());
        return true;
    }

    /** How long to wait after the given failed attempt (1 = the first): 10 s, 20 s, 40 s, … at most 10 minutes. */
    static Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 16);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** The failure and its causes on one line, cut short, with the password (if it somehow appears) blanked. */
    static String describe(Throwable failure, Optional<String> secret) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_ERROR_CHARS; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName()));
        }
        String line = text.toString().replaceAll("\\s+", " ").strip();
        if (secret.isPresent()) {
            line = line.replace(secret.get(), "****");
        }
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }

    @Override
    public void close() {
        executor.close(Duration.ofSeconds(2));
    }
}
