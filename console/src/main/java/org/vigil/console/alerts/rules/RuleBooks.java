package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.StoredRotaEntry;
import org.vigil.console.store.StoredRule;
import org.vigil.console.store.Transactions;

/**
 * The rule books as they are now: the trust's, and each school's (its own rules, rota and hours over the trust's,
 * ADR 0204). Every new capture asks for its school's inside its transaction, so every rule set is kept in memory
 * as one snapshot: forgotten when the editor or the settings commit a change, and read again after {@link #FRESH}
 * anyway, for a change made by another process on the same database.
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

    /** The trust's own rules, rota and hours, against the trust's settings (a one-school console's book). */
    public RuleBook current() {
        return sets().trust(settings.current());
    }

    /**
     * The book in force at a school: its own rules before the trust's, its own rota and hours or else the trust's,
     * read against the school's settings (ADR 0192): its zone, school days, digest time, escalation.
     */
    public RuleBook current(long schoolId) {
        return sets().school(schoolId, settings.current(schoolId));
    }

    /** Every rule set as stored, the trust's and each school's (a copy at most {@link #FRESH} old). */
    public RuleSets sets() {
        Loaded cached = loaded.get();
        long now = System.nanoTime();
        if (cached != null && now - cached.atNanos() < FRESH.toNanos()) {
            return cached.sets();
        }
        RuleSets sets = read();
        loaded.set(new Loaded(sets, now));
        return sets;
    }

    /** Reads every rule set from the store, now (for a change about to be made: never a copy in memory). */
    RuleSets read() {
        Map<Long, SchoolHours> bySchool = new LinkedHashMap<>();
        store.schoolHoursBySchool().forEach((school, hours) -> bySchool.put(school, hours(hours)));
        return new RuleSets(
                store.rules().stream().map(r -> new RuleSets.Owned<>(rule(r), r.schoolId())).toList(),
                store.rota().stream().map(r -> new RuleSets.Owned<>(rota(r), r.schoolId())).toList(),
                hours(store.schoolHours()), bySchool);
    }

    private static SchoolHours hours(List<String> startsEnds) {
        return new SchoolHours(LocalTime.parse(startsEnds.get(0)), LocalTime.parse(startsEnds.get(1)));
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

    static StoredRule stored(AlertRule rule, Optional<Long> school) {
        return new StoredRule(rule.id(), rule.position(), rule.minSeverity(), rule.maxSeverity(), rule.category(),
                rule.hours().name(), rule.action().name(), rule.recipients().name(), rule.webhook(),
                rule.namedUserIds(), school);
    }

    static RotaEntry rota(StoredRotaEntry stored) {
        return new RotaEntry(stored.id(), new WeeklyBand(DayOfWeek.valueOf(stored.day()),
                LocalTime.parse(stored.starts()), LocalTime.parse(stored.ends())), stored.position(),
                stored.userId(), stored.username());
    }

    private record Loaded(RuleSets sets, long atNanos) {
    }
}
