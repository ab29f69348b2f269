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
 * cannot hold the sender. One connection per message: alerts are few, and a long-lived connection would need its
 * own health checks.
 */
public final class SmtpMailTransport implements MailTransport {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ALERT_ID_HEADER = "X-Vigil-Alert-Id";

    private final MailSettings settings;
    private final Session session;
    private final String protocol;
    private final Clock clock;

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
        SmtpUrl server = settings.server();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(server.host(), server.port(), server.username().orElse(null),
                    server.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
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
