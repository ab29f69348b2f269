package org.vigil.console.alerts.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.console.settings.SchoolSettings;

/**
 * Every rule, rota band and set of school hours as stored, the trust's and each school's own (ADR 0204), and the
 * rule book they make for the trust or for a school: the school's own rules first, then the trust's (so the
 * school's override or add to them); the school's own rota when it has one, else the trust's; the school's own
 * hours when set, else the trust's. An owner is a school's id, or empty for the trust.
 */
public record RuleSets(List<Owned<AlertRule>> rules, List<Owned<RotaEntry>> rota, SchoolHours trustHours,
                       Map<Long, SchoolHours> schoolHours) {

    public RuleSets {
        rules = List.copyOf(rules);
        rota = List.copyOf(rota);
        schoolHours = Map.copyOf(schoolHours);
    }

    /** Something stored with its owner (empty: the trust's). */
    public record Owned<T>(T item, Optional<Long> owner) {
    }

    /** The owner's own rules, in order. */
    public List<AlertRule> rules(Optional<Long> owner) {
        return rules.stream().filter(r -> r.owner().equals(owner)).map(Owned::item)
                .sorted(Comparator.comparingInt(AlertRule::position).thenComparingLong(AlertRule::id)).toList();
    }

    /** The owner's own rota bands. */
    public List<RotaEntry> rota(Optional<Long> owner) {
        return rota.stream().filter(r -> r.owner().equals(owner)).map(Owned::item).toList();
    }

    /** The school's own school hours, if it has set them. */
    public Optional<SchoolHours> ownHours(long schoolId) {
        return Optional.ofNullable(schoolHours.get(schoolId));
    }

    /** Whose rule this id is (empty inside: the trust's), or empty when there is none. */
    public Optional<Optional<Long>> ownerOfRule(long id) {
        return rules.stream().filter(r -> r.item().id() == id).findFirst().map(Owned::owner);
    }

    /** Whose rota band this id is (empty inside: the trust's), or empty when there is none. */
    public Optional<Optional<Long>> ownerOfRota(long id) {
        return rota.stream().filter(r -> r.item().id() == id).findFirst().map(Owned::owner);
    }

    /** The trust's own book: what a one-school console always had. */
    public RuleBook trust(SchoolSettings settings) {
        return new RuleBook(rules(Optional.empty()), rota(Optional.empty()), trustHours, settings);
    }

    /** The book in force at a school, read against its settings. */
    public RuleBook school(long schoolId, SchoolSettings settings) {
        return new RuleBook(effectiveRules(rules(Optional.of(schoolId))), effectiveRota(schoolId),
                ownHours(schoolId).orElse(trustHours), settings);
    }

    /** The rules in force at a school whose own are {@code own}: its own, then the trust's, numbered on. */
    public List<AlertRule> effectiveRules(List<AlertRule> own) {
        List<AlertRule> out = new ArrayList<>(own);
        out.addAll(rules(Optional.empty()));
        return RuleOrder.renumbered(out);
    }

    private List<RotaEntry> effectiveRota(long schoolId) {
        List<RotaEntry> own = rota(Optional.of(schoolId));
        return own.isEmpty() ? rota(Optional.empty()) : own;
    }
}
