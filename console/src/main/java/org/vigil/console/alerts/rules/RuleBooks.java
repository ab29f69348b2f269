package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.StoredRotaEntry;
import org.vigil.console.store.StoredRule;
import org.vigil.console.store.Transactions;

/**
 * The school's rule book as it is now. Every new capture asks for it inside its transaction, so it is kept in
 * memory: forgotten when the editor or the settings commit a change, and read again after {@link #FRESH} anyway,
 * for a change made by another process on the same database.
 */
public final class RuleBooks {
    static final Duration FRESH = Duration.ofSeconds(5);

    private final AlertRulesRepository store;
    private final Settings settings;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    public RuleBooks(AlertRulesRepository store, Settings settings) {
        this.store = store;
        this.settings = settings;
        settings.onChange(this::forget);
    }

    public RuleBook current() {
        Loaded cached = loaded.get();
        long now = System.nanoTime();
        if (cached != null && now - cached.atNanos() < FRESH.toNanos()) {
            return cached.book();
        }
        RuleBook book = read();
        loaded.set(new Loaded(book, now));
        return book;
    }

    /** The book read against the school's settings (ADR 0192): its zone, school days, digest time, escalation. */
    public RuleBook current(long schoolId) {
        return current().withSettings(settings.current(schoolId));
    }

    /** Reads the book from the store, now (for a change about to be made: never a copy in memory). */
    RuleBook read() {
        List<String> hours = store.schoolHours();
        return new RuleBook(store.rules().stream().map(RuleBooks::rule).toList(),
                store.rota().stream().map(RuleBooks::rota).toList(),
                new SchoolHours(LocalTime.parse(hours.get(0)), LocalTime.parse(hours.get(1))), settings.current());
    }

    /** Forgets the copy in memory once the transaction open on this thread commits. */
    void changed(Transactions transactions) {
        transactions.afterCommit(this::forget);
    }

    private void forget() {
        loaded.set(null);
    }

    static AlertRule rule(StoredRule stored) {
        return new AlertRule(stored.id(), stored.position(), stored.minSeverity(), stored.maxSeverity(),
                stored.category(), RuleHours.valueOf(stored.hours()), RuleAction.valueOf(stored.action()),
                RuleRecipients.valueOf(stored.recipients()), stored.namedUserIds(), stored.webhook());
    }

    static StoredRule stored(AlertRule rule) {
        return new StoredRule(rule.id(), rule.position(), rule.minSeverity(), rule.maxSeverity(), rule.category(),
                rule.hours().name(), rule.action().name(), rule.recipients().name(), rule.webhook(),
                rule.namedUserIds());
    }

    static RotaEntry rota(StoredRotaEntry stored) {
        return new RotaEntry(stored.id(), new WeeklyBand(DayOfWeek.valueOf(stored.day()),
                LocalTime.parse(stored.starts()), LocalTime.parse(stored.ends())), stored.position(),
                stored.userId(), stored.username());
    }

    private record Loaded(RuleBook book, long atNanos) {
    }
}
