package org.vigil.console.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.Transactions;

/**
 * The mail server as the settings page shows and changes it. The password is never shown back: the page gets the
 * URL without it, and a form that leaves the password out keeps the stored one. A URL and sender's address are
 * checked as {@code VIGIL_SMTP_URL} and {@code VIGIL_ALERT_FROM} are, and stored together or not at all. When the
 * environment sets the mail server, it wins and the page may not change it.
 */
public final class MailServerSettings {
    private final ConfiguredMail mail;
    private final Optional<MailSettings> fromEnvironment;
    private final Settings settings;
    private final Transactions transactions;

    public MailServerSettings(Optional<MailSettings> fromEnvironment, Settings settings, Transactions transactions) {
        this.fromEnvironment = fromEnvironment;
        this.mail = new ConfiguredMail(fromEnvironment, settings::current);
        this.settings = settings;
        this.transactions = transactions;
    }

    /**
     * What the page shows.
     *
     * @param environment   the environment's server and sender (password blanked), when it sets them
     * @param url           the stored URL without its password, for the form
     * @param passwordKept  whether a password is stored (a blank password field keeps it)
     * @param from          the stored sender's address
     * @param configured    whether alert emails have a mail server now
     */
    public record View(Optional<String> environment, String url, boolean passwordKept, String from,
                       boolean configured) {
    }

    public View view() {
        SchoolSettings school = settings.current();
        String stored = school.smtpUrl().orElse("");
        return new View(fromEnvironment.map(m -> m.server() + ", from " + m.from()), withoutPassword(stored),
                password(stored).isPresent(), school.alertFrom().orElse(""), mail.current().isPresent());
    }

    /**
     * Stores the mail server and sender's address; an empty URL removes the server (alert emails then wait).
     *
     * @return whether anything changed
     * @throws InvalidRequest for a bad URL or address (the message never holds the password), a role other than
     *                        IT's (or an admin's), or a console whose environment sets the mail server
     */
    public boolean change(Session by, String url, String password, String from) {
        if (fromEnvironment.isPresent()) {
            throw new InvalidRequest("This console's mail server is set by " + SmtpUrl.ENV + " on the server; change"
                    + " it there.");
        }
        if (!by.admin() && !Setting.SMTP_URL.changeableBy(by.role())) {
            throw new InvalidRequest("Your role may not change the mail server.");
        }
        String enteredUrl = url == null ? "" : url.strip();
        String enteredFrom = from == null ? "" : from.strip();
        String enteredPassword = password == null ? "" : password;
        String merged = enteredUrl.isEmpty() ? "" : merge(enteredUrl, enteredPassword,
                settings.current().smtpUrl().flatMap(MailServerSettings::password));
        if (!merged.isEmpty() || !enteredFrom.isEmpty()) {
            check(merged, enteredFrom);
        }
        return transactions.inTransaction(() -> settings.change(by, Setting.SMTP_URL, merged)
                | settings.change(by, Setting.ALERT_FROM, enteredFrom));
    }

    private static void check(String url, String from) {
        if (!url.isEmpty() && from.isEmpty()) {
            throw new InvalidRequest("Give the address alert emails come from (e.g. vigil@school.example) with the"
                    + " mail server.");
        }
        try {
            if (url.isEmpty()) {
                MailSettings.checkFrom(from);
            } else {
                MailSettings.from(Optional.of(url), Optional.of(from));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(e.getMessage().replace(SmtpUrl.ENV, "The mail server URL")
                    .replace(MailSettings.FROM_ENV, "The sender's address"));
        }
    }

    /** The URL with the password from the form, or else the stored one, in its user part. */
    private static String merge(String url, String password, Optional<String> storedPassword) {
        Optional<String> fromForm = password.isEmpty() ? Optional.empty()
                : Optional.of(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
        if (fromForm.isEmpty() && password(url).isPresent()) {
            return url;
        }
        Optional<String> chosen = fromForm.or(() -> storedPassword);
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (chosen.isEmpty()) {
            return url;
        }
        if (start < 0 || at < start) {
            if (fromForm.isPresent()) {
                throw new InvalidRequest("A password needs a user: write it in the URL, e.g."
                        + " smtp+starttls://user@host:587.");
            }
            return url;
        }
        String user = url.substring(start + 3, at);
        int colon = user.indexOf(':');
        return url.substring(0, start + 3) + (colon < 0 ? user : user.substring(0, colon)) + ":" + chosen.get()
                + url.substring(at);
    }

    /** The URL as the form shows it: the user kept, the password left out. */
    static String withoutPassword(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return url;
        }
        String user = url.substring(start + 3, at);
        int colon = user.indexOf(':');
        return colon < 0 ? url : url.substring(0, start + 3) + user.substring(0, colon) + url.substring(at);
    }

    /** The raw (percent-encoded) password in the URL's user part, if any. */
    private static Optional<String> password(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return Optional.empty();
        }
        String user = url.substring(start + 3, at);
        int colon = user.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(user.substring(colon + 1));
    }
}
