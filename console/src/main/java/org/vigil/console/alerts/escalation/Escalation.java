package org.vigil.console.alerts.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigil.console.alerts.rules.AlertRecipients;
import org.vigil.console.alerts.rules.RotaEntry;
import org.vigil.console.alerts.rules.RuleBook;
import org.vigil.console.alerts.rules.RuleBooks;
import org.vigil.console.store.AlertKind;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.CaptureOpenings;
import org.vigil.console.store.NewAlert;
import org.vigil.console.store.School;

/**
 * Escalation of a severity-5 capture no DSL has opened: after its school's escalation minutes (settings, default
 * 15; ADR 0192), round 1; after twice that, round 2; and so on until a DSL opens it. Round n alerts the n-th deputy
 * on the rota at that moment who works for the capture's school (the first on, at place 0, had the capture's own
 * alert); once the rota has no one left, every DSL of that school with an email. Each round also goes to the
 * webhook when one is configured. The capture id and round are the dedupe key, so a check that runs again adds
 * nothing; rounds missed while the console was down are not sent late, only the current one.
 */
public final class Escalation {
    /** At most this many captures of a school are escalated per check: the rest wait for the next one. */
    static final int BATCH = 500;

    private final RuleBooks books;
    private final AlertRecipients recipients;
    private final CaptureOpenings openings;
    private final AlertRepository alerts;
    private final boolean webhook;
    private final Clock clock;

    /** @param webhook whether a webhook is configured: each round then posts to it too */
    public Escalation(RuleBooks books, AlertRecipients recipients, CaptureOpenings openings, AlertRepository alerts,
                      boolean webhook, Clock clock) {
        this.books = books;
        this.recipients = recipients;
        this.openings = openings;
        this.alerts = alerts;
        this.webhook = webhook;
        this.clock = clock;
    }

    /**
     * Queues the round due now for each unopened severity-5 capture.
     *
     * @return how many alerts were added to the outbox
     */
    public synchronized int runOnce() {
        Instant now = clock.instant();
        int added = 0;
        for (School school : recipients.schools()) {
            added += runOnce(school.id(), now);
        }
        return added;
    }

    private int runOnce(long schoolId, Instant now) {
        RuleBook book = books.current(schoolId);
        Duration after = book.settings().escalationAfter();
        List<CaptureOpenings.Unopened> unopened = openings.unopenedSevere(now.minus(after), schoolId, BATCH);
        if (unopened.isEmpty()) {
            return 0;
        }
        List<AlertRecipient> everyone = recipients.dslsOf(schoolId);
        List<NewAlert> queued = new ArrayList<>();
        for (CaptureOpenings.Unopened capture : unopened) {
            long round = Duration.between(capture.storedAt(), now).toMillis() / after.toMillis();
            String key = capture.captureId() + ":" + round;
            Optional<String> headline = Optional.of("Not opened after " + after.multipliedBy(round).toMinutes()
                    + " minutes");
            for (AlertRecipient to : roundRecipients(book, now, round, everyone)) {
                queued.add(NewAlert.aboutCapture(UUID.randomUUID().toString(), AlertKind.ESCALATION, key,
                        capture.captureId(), to.userId(), to.email(), headline));
            }
            if (webhook) {
                queued.add(NewAlert.webhook(UUID.randomUUID().toString(), AlertKind.ESCALATION, key,
                        capture.captureId(), headline));
            }
        }
        return alerts.insert(queued);
    }

    /** Round n's people: the n-th deputy on call now among {@code everyone}, or all of them once none is left. */
    static List<AlertRecipient> roundRecipients(RuleBook book, Instant now, long round,
                                                List<AlertRecipient> everyone) {
        Map<Long, AlertRecipient> byId = everyone.stream().collect(Collectors.toMap(AlertRecipient::userId,
                Function.identity()));
        List<AlertRecipient> onCall = book.onCall(now).stream().map(RotaEntry::userId).filter(byId::containsKey)
                .map(byId::get).toList();
        return round < onCall.size() ? List.of(onCall.get((int) round)) : everyone;
    }
}
