package org.vigil.console.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Alert emails over SMTP with Eclipse Angus Mail: plain, STARTTLS (required, never silently skipped) or SMTPS, with
 * the server's certificate checked against its name, and a timeout on connect, read and write so a hung server
 * cannot hold the sender. One connection serves a round of the sender (every alert due now), so a burst of alerts
 * does not pay a connect and EHLO (and TLS and AUTH) per email; it is closed when the round ends, or at the first
 * failure, so nothing long-lived needs health checks. Used by the sender's one thread only.
 */
public final class SmtpMailTransport implements MailTransport {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ALERT_ID_HEADER = "X-Vigil-Alert-Id";

    private final MailSettings settings;
    private final Session session;
    private final String protocol;
    private final Clock clock;
    private Transport open;

    public SmtpMailTransport(MailSettings settings, Duration timeout, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        SmtpUrl server = settings.server();
        this.protocol = server.security() == SmtpUrl.Security.SMTPS ? "smtps" : "smtp";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        String millis = Long.toString(timeout.toMillis());
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "from", settings.from());
        properties.setProperty(prefix + "auth", Boolean.toString(server.username().isPresent()));
        if (server.security() == SmtpUrl.Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (server.security() != SmtpUrl.Security.PLAIN) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(AlertEmail.Message alert) throws MessagingException {
        MimeMessage message = new AlertMimeMessage(session, alert.alertId());
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(alert.to(), true));
        message.setSubject(alert.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setText(alert.body(), StandardCharsets.UTF_8.name());
        message.setHeader(ALERT_ID_HEADER, alert.alertId());
        message.saveChanges();
        Transport transport = connected();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            roundDone();
            throw e;
        }
    }

    /** The connection this round has open, or a new one. */
    private Transport connected() throws MessagingException {
        if (open != null && open.isConnected()) {
            return open;
        }
        roundDone();
        SmtpUrl server = settings.server();
        Transport transport = session.getTransport(protocol);
        transport.connect(server.host(), server.port(), server.username().orElse(null),
                server.password().orElse(null));
        open = transport;
        return transport;
    }

    @Override
    public void roundDone() {
        if (open != null) {
            try {
                open.close();
            } catch (MessagingException e) {
                // the server hung up first: nothing is lost, the next round connects again
            }
            open = null;
        }
    }

    /** A message whose Message-ID is {@code <alert-id@vigil>}, so a resend of one alert has the same id. */
    private static final class AlertMimeMessage extends MimeMessage {
        private final String alertId;

        AlertMimeMessage(Session session, String alertId) {
            super(session);
            this.alertId = alertId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + alertId + "@vigil>");
        }
    }
}
