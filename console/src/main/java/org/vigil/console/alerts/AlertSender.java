package org.vigil.console.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.PendingAlert;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Sends one channel's due alerts (email or webhook) on one supervised thread of its own, every few seconds and at
 * once when new alerts are committed: a mail server or webhook that is down or hung never holds up the other
 * channel. An alert is marked delivered only after the other side accepted it, so a crash in between sends it again
 * after the restart (at least once; its alert id makes the repeat recognisable). A failed attempt is recorded with
 * its error and tried again after a backoff of 10 s doubling to 10 minutes, for as long as it takes: an alert is
 * never given up. Before sending an alert the sender claims it for its instance for a lease
 * ({@link Timing#lease}): of several instances on one database only the claimant sends it, and a claim left by an
 * instance that died expires, so another sends it then (ADR 0173).
 */
public final class AlertSender implements AutoCloseable {
    /** The email sender's worker (its name predates the webhook). */
    public static final String WORKER = "vigil-alert-sender";
    public static final String WEBHOOK_WORKER = "vigil-alert-webhook";
    static final int MAX_ERROR_CHARS = 300;
    private static final int BATCH = 50;
    private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);

    /**
     * How often the outbox is read and how long a failed alert waits: {@link #DEFAULT} in production; tests shorten
     * it.
     */
    public record Timing(Duration interval, Duration firstBackoff, Duration maxBackoff, Duration lease) {
        /** Longer than one delivery can take (the SMTP and webhook timeouts are 20 s and 10 s a step). */
        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofMinutes(10));

        public Timing(Duration interval, Duration firstBackoff, Duration maxBackoff) {
            this(interval, firstBackoff, maxBackoff, DEFAULT_LEASE);
        }

        /** How long to wait after the given failed attempt (1 = the first): doubling from the first, capped. */
        public Duration backoff(int failedAttempts) {
            int doublings = Math.min(Math.max(failedAttempts - 1, 0), 16);
            Duration wait = firstBackoff.multipliedBy(1L << doublings);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    private final AlertRepository alerts;
    private final AlertChannel channel;
    private final AlertDelivery delivery;
    private final Clock clock;
    private final List<String> secrets;
    private final Timing timing;
    private final SerialExecutor executor;
    private final AlertClaimant claimant;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /** As the full constructor, for a console that is the only instance on its database. */
    public AlertSender(AlertRepository alerts, AlertChannel channel, AlertDelivery delivery, Clock clock,
                       List<String> secrets, Timing timing, Supervisor supervisor) {
        this(alerts, channel, delivery, clock, secrets, timing, supervisor, AlertClaimant.onlyInstance());
    }

    /**
     * Starts sending the channel's alerts: those left undelivered by an earlier run are due at once (the setting
     * may have been fixed since).
     *
     * @param secrets values that must never appear in a recorded error (the SMTP password, the webhook's secret)
     */
    public AlertSender(AlertRepository alerts, AlertChannel channel, AlertDelivery delivery, Clock clock,
                       List<String> secrets, Timing timing, Supervisor supervisor, AlertClaimant claimant) {
        this.alerts = alerts;
        this.claimant = claimant;
        this.channel = channel;
        this.delivery = delivery;
        this.clock = clock;
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
        this.timing = timing;
        this.executor = supervisor.executor(channel == AlertChannel.EMAIL ? WORKER : WEBHOOK_WORKER);
        if (claimant.alone() && alerts.releaseAllClaims() > 0) {
            LOG.info("Released the claims this console held on alerts when it stopped: they are sent now");
        }
        int waiting = alerts.makeAllDueNow(channel);
        if (waiting > 0) {
            LOG.info("{} undelivered {} alert(s) from before this start are due now", waiting, name());
        }
        executor.scheduleWithFixedDelay(this::sendDue, Duration.ZERO, timing.interval());
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

    /**
     * Tries every waiting alert at once rather than after its backoff: the channel's configuration changed (a mail
     * server set on the settings page), so an alert that failed before may go now.
     */
    public void retryNow() {
        executor.execute(() -> {
            alerts.makeAllDueNow(channel);
            sendDue();
        });
    }

    private void sendDue() {
        if (!delivery.startRound()) {
            return;
        }
        try {
            sendDueInBatches();
        } finally {
            delivery.roundDone();
        }
    }

    private void sendDueInBatches() {
        while (true) {
            List<PendingAlert> due = alerts.due(channel, BATCH);
            for (PendingAlert alert : due) {
                if (!sendOne(alert)) {
                    // this channel's server is likely down for all: leave the rest to the next round, not N timeouts
                    return;
                }
            }
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    private boolean sendOne(PendingAlert alert) {
        if (!alerts.claim(alert.alertId(), claimant.instanceId(), clock.instant().plus(timing.lease()))) {
            LOG.debug("Alert {} is another instance's to send", alert.alertId());
            return true;
        }
        try {
            delivery.deliver(alert);
        } catch (Exception e) {
            int attempt = alert.attempts() + 1;
            Duration wait = timing.backoff(attempt);
            String error = describe(e, Stream.concat(secrets.stream(), delivery.secrets().stream()).toList());
            alerts.markFailed(alert.alertId(), error, clock.instant().plus(wait));
            LOG.warn("Alert {} ({}) not delivered by {}, attempt {}: {}; next attempt in {} s",
                    alert.alertId(), alert.describe(), name(), attempt, error, wait.toSeconds());
            return false;
        }
        alerts.markDelivered(alert.alertId());
        LOG.info("Alert {} ({}) delivered by {}", alert.alertId(), alert.describe(), name());
        return true;
    }

    private String name() {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    /** The default backoff after the given failed attempt: 10 s, 20 s, 40 s, … at most 10 minutes. */
    static Duration backoff(int failedAttempts) {
        return Timing.DEFAULT.backoff(failedAttempts);
    }

    /** The failure and its causes on one line, cut short, with the secrets (if they somehow appear) blanked. */
    static String describe(Throwable failure, List<String> secrets) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_ERROR_CHARS; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName()));
        }
        String line = text.toString().replaceAll("\\s+", " ").strip();
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                line = line.replace(secret, "****");
            }
        }
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }

    @Override
    public void close() {
        executor.close(Duration.ofSeconds(2));
    }
}
