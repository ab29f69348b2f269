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
 * The rules behind the outbox's seam: the first rule in force at the capture's school (its device's: the school's
 * own rules, then the trust's, ADR 0204) that matches a new capture, as it is stored (the school's hours and rota
 * are judged at that moment, in the school's zone), says whether it alerts at once and whom. Digest rules alert no
 * one now: the morning digest reads them again.
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
        long school = schoolOfDevice.applyAsLong(capture.deviceId());
        RuleBook book = books.current(school);
        Instant now = clock.instant();
        return atOnce(book, capture, now).map(rule -> recipients.of(rule, book, now, school)).orElse(List.of());
    }

    @Override
    public boolean webhookFor(NewCapture capture) {
        RuleBook book = books.current(schoolOfDevice.applyAsLong(capture.deviceId()));
        return atOnce(book, capture, clock.instant()).map(AlertRule::webhook).orElse(false);
    }

    private static Optional<AlertRule> atOnce(RuleBook book, NewCapture capture, Instant now) {
        return book.ruleFor(capture.severity(), capture.category(), now).filter(r -> r.action() == RuleAction.NOW);
    }
}
