package org.vigil.console.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.StoredUser;
import org.vigil.console.store.UserRepository;

/**
 * "Send a test email": one email to the signed-in user's own address through the mail server in force, sent now
 * (bounded by the SMTP timeout) rather than through the outbox, so the page can say at once whether the server
 * accepted it or why not. Audited as {@code alerts.test-email}.
 */
public final class TestEmail {
    private final ConfiguredMail mail;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration timeout;

    public TestEmail(ConfiguredMail mail, UserRepository users, AuditLog audit, Clock clock, Duration timeout) {
        this.mail = mail;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Whether the server accepted it, and a line that says so or why not (never the password). */
    public record Outcome(boolean accepted, String message) {
    }

    /**
     * Sends the test email to the user.
     *
     * @throws InvalidRequest if the user has no email address or no mail server is configured
     */
    public Outcome send(Session by) {
        String to = users.findById(by.userId()).flatMap(StoredUser::email).orElseThrow(() -> new InvalidRequest(
                "You have no email address, and the test email goes to you: an admin sets it on the Users page."));
        MailSettings settings = mail.current().orElseThrow(() -> new InvalidRequest(
                "No mail server is configured: set one first."));
        String server = settings.server().host() + ":" + settings.server().port();
        SmtpMailTransport transport = new SmtpMailTransport(settings, timeout, clock);
        Outcome outcome;
        try {
            transport.send(new AlertEmail.Message(UUID.randomUUID().toString(), to, "Vigil: test email",
                    "This is a test email from Vigil, sent by " + by.username() + " from the settings page.\n"
                            + "Alert emails reach you through this mail server (" + server + ").\n"));
            outcome = new Outcome(true, "accepted by " + server);
        } catch (Exception e) {
            outcome = new Outcome(false, server + ": " + AlertSender.describe(e,
                    settings.server().password().stream().toList()));
        } finally {
            transport.roundDone();
        }
        audit.record(by.username(), "alerts.test-email", "user:" + by.username(),
                "to " + to + " through " + settings.server() + ": "
                        + (outcome.accepted() ? "accepted" : "failed: " + outcome.message()));
        return outcome;
    }
}
