package org.vigil.console.alerts;

import java.util.Optional;
import java.util.function.Supplier;
import org.vigil.console.settings.SchoolSettings;

/**
 * Where alert emails go now: the environment's mail server ({@code VIGIL_SMTP_URL}, {@code VIGIL_ALERT_FROM}) if it
 * names one, else the one IT set on the settings page. Read afresh on every call, so a change on the page is used
 * without a restart.
 */
public final class ConfiguredMail {
    public static final String NOT_CONFIGURED = "no mail server configured";

    private final Optional<MailSettings> fromEnvironment;
    private final Supplier<SchoolSettings> school;

    public ConfiguredMail(Optional<MailSettings> fromEnvironment, Supplier<SchoolSettings> school) {
        this.fromEnvironment = fromEnvironment;
        this.school = school;
    }

    /** Whether the environment sets the mail server: the settings page then shows it and may not change it. */
    public boolean setByEnvironment() {
        return fromEnvironment.isPresent();
    }

    /** The mail server and sender's address in force, if any. */
    public Optional<MailSettings> current() {
        return fromEnvironment.isPresent() ? fromEnvironment : stored(school.get());
    }

    /** Why alert emails wait when {@link #current} is empty. */
    public String notConfiguredReason() {
        return NOT_CONFIGURED + " (set it on the settings page, or " + SmtpUrl.ENV + " and " + MailSettings.FROM_ENV
                + ")";
    }

    /** The stored mail server: checked when it was set, so a value that no longer parses counts as none. */
    static Optional<MailSettings> stored(SchoolSettings settings) {
        if (settings.smtpUrl().isEmpty() || settings.alertFrom().isEmpty()) {
            return Optional.empty();
        }
        try {
            return MailSettings.from(settings.smtpUrl(), settings.alertFrom());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
