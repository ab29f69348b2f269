package org.vigil.console.alerts;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;

/** The mail server and the sender's address for alert emails ({@code VIGIL_SMTP_URL}, {@code VIGIL_ALERT_FROM}). */
public record MailSettings(SmtpUrl server, String from) {
    public static final String FROM_ENV = "VIGIL_ALERT_FROM";

    public MailSettings {
        checkFrom(from);
    }

    /**
     * Checks the sender's address.
     *
     * @throws IllegalArgumentException if it is not an email address
     */
    public static void checkFrom(String from) {
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException(FROM_ENV + " is not an email address: " + from);
        }
    }

    /**
     * The settings from the environment's values: none without a URL; a URL without a sender's address is refused.
     *
     * @throws IllegalArgumentException with a clear message for a bad URL or address
     */
    public static Optional<MailSettings> from(Optional<String> smtpUrl, Optional<String> from) {
        Optional<String> url = smtpUrl.map(String::strip).filter(u -> !u.isEmpty());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String sender = from.map(String::strip).filter(f -> !f.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException(FROM_ENV + " is needed with " + SmtpUrl.ENV
                        + ": the address alert emails come from, e.g. vigil@school.example"));
        return Optional.of(new MailSettings(SmtpUrl.parse(url.get()), sender));
    }
}
