package org.vigil.console.alerts;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.PendingAlert;

/**
 * The email channel as configured now: each round reads the mail server in force (environment, else the settings
 * page) and, when it differs from the last round's, swaps in a transport for it, so a server set or changed on the
 * page is used without a restart. With none configured a round tries nothing and alerts wait. Each alert is
 * composed as the school's settings are then (time zone, whether the pupil is named). Used by the sender's one
 * thread only.
 */
public final class LiveEmailDelivery implements AlertDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEmailDelivery.class);

    private final ConfiguredMail mail;
    private final Supplier<AlertEmail> composer;
    private final Function<MailSettings, MailTransport> transports;
    private MailSettings inUse;
    private MailTransport transport;

    /** @param transports makes the transport for a mail server (SMTP in production) */
    public LiveEmailDelivery(ConfiguredMail mail, Supplier<AlertEmail> composer,
                             Function<MailSettings, MailTransport> transports) {
        this.mail = mail;
        this.composer = composer;
        this.transports = transports;
    }

    @Override
    public boolean startRound() {
        Optional<MailSettings> now = mail.current();
        if (now.isEmpty()) {
            if (inUse != null) {
                LOG.warn("The mail server was removed: alert emails wait until one is configured");
            }
            closeTransport();
            inUse = null;
            return false;
        }
        if (!now.get().equals(inUse)) {
            closeTransport();
            transport = transports.apply(now.get());
            inUse = now.get();
            LOG.info("Alert emails go through {} from {}", inUse.server(), inUse.from());
        }
        return true;
    }

    @Override
    public void deliver(PendingAlert alert) throws Exception {
        if (transport == null) {
            throw new IllegalStateException(ConfiguredMail.NOT_CONFIGURED);
        }
        transport.send(composer.get().compose(alert));
    }

    @Override
    public List<String> secrets() {
        return Optional.ofNullable(inUse).flatMap(settings -> settings.server().password()).stream().toList();
    }

    @Override
    public void roundDone() {
        if (transport != null) {
            transport.roundDone();
        }
    }

    private void closeTransport() {
        if (transport != null) {
            transport.roundDone();
            transport = null;
        }
    }
}
