package org.vigil.console.alerts.digest;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.vigil.console.alerts.rules.AlertRecipients;
import org.vigil.console.alerts.rules.AlertRule;
import org.vigil.console.alerts.rules.RuleAction;
import org.vigil.console.alerts.rules.RuleBook;
import org.vigil.console.alerts.rules.RuleBooks;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.store.AlertKind;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.CaptureFacts;
import org.vigil.console.store.DigestCaptures;
import org.vigil.console.store.NewAlert;
import org.vigil.console.store.School;

/**
 * The morning digest, per school (ADR 0192): from a school's digest time on its school day (in its zone), one email
 * per DSL of that school the digest rules name, listing the school's digest-bound captures stored since its previous
 * school day's digest time. A trust-level DSL gets one digest per school they chose, each at that school's time and
 * named by it in the subject. Queued with the date (and, beyond the first school, the school) as its dedupe key, so
 * running again that day (a second tick, a restart) adds nothing, and a console that was down at the digest time
 * sends it when it comes up that day. A DSL with nothing to read gets no email.
 */
public final class MorningDigest {
    /** How far back a previous school day is looked for (a long holiday with school days set to none). */
    private static final int MAX_DAYS_BACK = 14;

    private final RuleBooks books;
    private final AlertRecipients recipients;
    private final DigestCaptures captures;
    private final AlertRepository alerts;
    private final URI consoleUrl;
    private final Clock clock;
    private final Map<Long, LocalDate> lastQueued = new HashMap<>();

    public MorningDigest(RuleBooks books, AlertRecipients recipients, DigestCaptures captures, AlertRepository alerts,
                         URI consoleUrl, Clock clock) {
        this.books = books;
        this.recipients = recipients;
        this.captures = captures;
        this.alerts = alerts;
        this.consoleUrl = consoleUrl;
        this.clock = clock;
    }

    /**
     * Queues today's digest of each school where it is due and not yet queued by this process.
     *
     * @return how many emails were added to the outbox
     */
    public synchronized int runOnce() {
        Instant now = clock.instant();
        List<School> schools = recipients.schools();
        int added = 0;
        for (School school : schools) {
            added += runOnce(school, schools.size() > 1, now);
        }
        return added;
    }

    private int runOnce(School school, boolean named, Instant now) {
        RuleBook book = books.current(school.id());
        SchoolSettings settings = book.settings();
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        if (today.equals(lastQueued.get(school.id())) || !settings.schoolDays().contains(today.getDayOfWeek())) {
            return 0;
        }
        Instant slot = slot(today, settings);
        if (now.isBefore(slot)) {
            return 0;
        }
        Instant previous = previousSlot(today, settings);
        Map<Long, Recipient> byUser = new LinkedHashMap<>();
        for (DigestCaptures.Stored stored : captures.storedBetween(previous, slot, school.id())) {
            CaptureFacts facts = stored.facts();
            Optional<AlertRule> rule = book.ruleFor(facts.severity(), facts.category(), stored.storedAt())
                    .filter(r -> r.action() == RuleAction.DIGEST);
            if (rule.isPresent()) {
                for (AlertRecipient to : recipients.of(rule.get(), book, stored.storedAt(), school.id())) {
                    byUser.computeIfAbsent(to.userId(), id -> new Recipient(to, new ArrayList<>())).captures()
                            .add(facts);
                }
            }
        }
        DigestEmail email = new DigestEmail(consoleUrl, settings.zone(), settings.pupilNamesInAlerts());
        // the first school keeps the plain date, so a one-school console's key is as it always was
        String key = school.id() == School.FIRST ? today.toString() : today + " school " + school.id();
        List<NewAlert> queued = new ArrayList<>();
        for (Recipient recipient : byUser.values()) {
            DigestEmail.Text text = email.compose(today, previous, slot, recipient.captures());
            String subject = named ? text.subject() + ", " + DigestEmail.oneLine(school.name()) : text.subject();
            queued.add(NewAlert.composedEmail(UUID.randomUUID().toString(), AlertKind.DIGEST, key,
                    recipient.to().userId(), recipient.to().email(), subject, text.body()));
        }
        int added = alerts.insert(queued);
        lastQueued.put(school.id(), today);
        return added;
    }

    /** The digest time on that day, in the school's zone (in a spring-forward gap, the moment after it). */
    static Instant slot(LocalDate day, SchoolSettings settings) {
        return day.atTime(settings.digestTime()).atZone(settings.zone()).toInstant();
    }

    /** The previous school day's digest time; a week back if no school day is found. */
    static Instant previousSlot(LocalDate today, SchoolSettings settings) {
        Set<DayOfWeek> days = settings.schoolDays();
        for (int back = 1; back <= MAX_DAYS_BACK; back++) {
            LocalDate day = today.minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                return slot(day, settings);
            }
        }
        return slot(today.minusWeeks(1), settings);
    }

    private record Recipient(AlertRecipient to, List<CaptureFacts> captures) {
    }
}
