package org.vigil.console.alerts.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.vigil.console.alerts.AlertRules;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.NewCapture;

/**
 * The school's own rules behind the outbox's seam: the first rule that matches a new capture, as it is stored
 * (school hours and the rota are judged at that moment, in the school's zone), says whether it alerts at once and
 * whom. Digest rules alert no one now: the morning digest reads them again.
 */
public final class SchoolAlertRules implements AlertRules {
    private final RuleBooks books;
    private final AlertRecipients recipients;
    private final ToLongFunction<String> schoolOfDevice;
    private final Clock clock;

    public SchoolAlertRules(RuleBooks books, AlertRecipients recipients, ToLongFunction<String> schoolOfDevice,
                            Clock clock) {
        this.books = books;
        this.recipients = recipients;
        this.schoolOfDevice = schoolOfDevice;
        this.clock = clock;
    }

    /** Only the DSLs of the capture's school (its device's) are alerted (ADR 0191). */
    @Override
    public List<AlertRecipient> recipientsFor(NewCapture capture) {
        RuleBook book = books.current();
        Instant now = clock.instant();
        return atOnce(book, capture, now).map(rule -> recipients.of(rule, book, now,
                schoolOfDevice.applyAsLong(capture.deviceId()))).orElse(List.of());
    }

    @Override
    public boolean webhookFor(NewCapture capture) {
        return atOnce(books.current(), capture, clock.instant()).map(AlertRule::webhook).orElse(false);
    }

    private static Optional<AlertRule> atOnce(RuleBook book, NewCapture capture, Instant now) {
        return book.ruleFor(capture.severity(), capture.category(), now).filter(r -> r.action() == RuleAction.NOW);
    }
}
