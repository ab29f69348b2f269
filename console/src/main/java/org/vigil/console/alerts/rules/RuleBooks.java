package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.StoredRotaEntry;
import org.vigil.console.store.StoredRule;

/** Reads the school's rule book as it is now: a handful of small rows, read fresh so a change applies at once. */
public final class RuleBooks {
    private final AlertRulesRepository store;
    private final Settings settings;

    public RuleBooks(AlertRulesRepository store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    public RuleBook current() {
        List<String> hours = store.schoolHours();
        return new RuleBook(store.rules().stream().map(RuleBooks::rule).toList(),
                store.rota().stream().map(RuleBooks::rota).toList(),
                new SchoolHours(LocalTime.parse(hours.get(0)), LocalTime.parse(hours.get(1))), settings.current());
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
}
