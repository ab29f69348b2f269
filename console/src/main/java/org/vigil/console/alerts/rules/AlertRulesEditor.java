package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.School;
import org.vigil.console.store.Transactions;

/**
 * Every change to the rules, the rota and school hours, the trust's (no school) or a school's own (ADR 0204):
 * checked, then made with its audit row (what it was, what it is now, in words, and the school's code and name for
 * a school's own, listed under that school) in one transaction. Only enabled DSLs with an email address may be
 * named in a rule or put on the rota, and in a school's rules and rota only those who work for that school; no
 * change may leave a severity-5 capture without an alert at once ({@link SeverityFiveGuard}), at the trust or at
 * the school whose rules change. A rule or band is changed only by its owner's page: another owner's id is "no such".
 */
public final class AlertRulesEditor {
    private final AlertRulesRepository store;
    private final RuleBooks books;
    private final AlertRecipients recipients;
    private final AuditLog audit;
    private final Transactions transactions;

    public AlertRulesEditor(AlertRulesRepository store, RuleBooks books, AlertRecipients recipients, AuditLog audit,
                            Transactions transactions) {
        this.store = store;
        this.books = books;
        this.recipients = recipients;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Adds a rule to the trust's rules. */
    public long addRule(String actor, RuleDraft draft) {
        return addRule(actor, Optional.empty(), draft);
    }

    /** Adds a rule at its place in the owner's order; the owner's rules below it move down one. */
    public long addRule(String actor, Optional<School> school, RuleDraft draft) {
        AlertRule rule = checkedUsers(draft.toRule(0), school);
        Optional<Long> owner = owner(school);
        return transactions.inTransaction(() -> {
            RuleSets sets = books.read();
            List<AlertRule> rules = new ArrayList<>(sets.rules(owner));
            rules.add(Math.min(rule.position() - 1, rules.size()), rule);
            guard(sets, owner, rules);
            books.changed(transactions);
            long id = store.addRule(RuleBooks.stored(rule, owner));
            rules.set(rules.indexOf(rule), withId(rule, id));
            saveOrder(rules, owner);
            record(actor, school, "alert.rule.add", "alert-rule:" + id, rule.describe(usernames()));
            return id;
        });
    }

    /** Changes a rule of the trust's, and its place in the order. */
    public void changeRule(String actor, long id, RuleDraft draft) {
        changeRule(actor, Optional.empty(), id, draft);
    }

    /** Changes one of the owner's rules, and its place in the owner's order. */
    public void changeRule(String actor, Optional<School> school, long id, RuleDraft draft) {
        AlertRule rule = checkedUsers(draft.toRule(id), school);
        Optional<Long> owner = owner(school);
        transactions.run(() -> {
            RuleSets sets = books.read();
            List<AlertRule> rules = new ArrayList<>(sets.rules(owner));
            AlertRule old = rules.stream().filter(r -> r.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rule: it may have been deleted."));
            rules.remove(old);
            rules.add(Math.min(rule.position() - 1, rules.size()), rule);
            guard(sets, owner, rules);
            books.changed(transactions);
            saveOrder(rules, owner);
            Map<Long, String> names = usernames();
            String before = old.position() + ". " + old.describe(names);
            String after = (rules.indexOf(rule) + 1) + ". " + rule.describe(names);
            record(actor, school, "alert.rule.change", "alert-rule:" + id, before + " -> " + after);
        });
    }

    public void deleteRule(String actor, long id) {
        deleteRule(actor, Optional.empty(), id);
    }

    /** Deletes one of the owner's rules (a school's: the trust's rules then decide what it decided). */
    public void deleteRule(String actor, Optional<School> school, long id) {
        Optional<Long> owner = owner(school);
        transactions.run(() -> {
            RuleSets sets = books.read();
            List<AlertRule> rules = new ArrayList<>(sets.rules(owner));
            AlertRule old = rules.stream().filter(r -> r.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rule: it may have been deleted."));
            rules.remove(old);
            guard(sets, owner, rules);
            books.changed(transactions);
            store.deleteRule(id);
            saveOrder(rules, owner);
            record(actor, school, "alert.rule.delete", "alert-rule:" + id, old.describe(usernames()));
        });
    }

    /** Puts a DSL on the trust's rota. */
    public List<Long> addRota(String actor, Set<DayOfWeek> days, String starts, String ends, String position,
                              long userId) {
        return addRota(actor, Optional.empty(), days, starts, ends, position, userId);
    }

    /**
     * Puts a DSL on the owner's rota on each of the days, from {@code starts} to {@code ends} ("HH:MM"). A school's
     * first band starts its own rota, which replaces the trust's for it.
     */
    public List<Long> addRota(String actor, Optional<School> school, Set<DayOfWeek> days, String starts,
                              String ends, String position, long userId) {
        if (days.isEmpty()) {
            throw new InvalidRequest("Choose at least one day.");
        }
        LocalTime from = time(starts);
        LocalTime until = time(ends);
        int order;
        try {
            order = Integer.parseInt(position == null ? "" : position.strip());
        } catch (NumberFormatException e) {
            order = 0;
        }
        if (order < 1 || order > 99) {
            throw new InvalidRequest("The order is a number from 1 (first on) to 99: 2 and above are deputies.");
        }
        AlertRecipient dsl = emailableDsls(school).get(userId);
        if (dsl == null) {
            throw new InvalidRequest(school.isPresent()
                    ? "Only an enabled DSL of this school with an email address can be on its rota."
                    : "Only an enabled DSL with an email address can be on the rota.");
        }
        int place = order;
        return transactions.inTransaction(() -> {
            books.changed(transactions);
            List<Long> ids = new ArrayList<>();
            for (DayOfWeek day : days.stream().sorted().toList()) {
                WeeklyBand band = new WeeklyBand(day, from, until);
                long id = store.addRota(day.name(), from.toString(), until.toString(), place, userId,
                        owner(school));
                record(actor, school, "alert.rota.add", "rota:" + id,
                        RotaWords.describe(band, place, dsl.username()));
                ids.add(id);
            }
            return ids;
        });
    }

    public void deleteRota(String actor, long id) {
        deleteRota(actor, Optional.empty(), id);
    }

    /** Takes a band off the owner's rota (a school's last: the trust's rota applies to it again). */
    public void deleteRota(String actor, Optional<School> school, long id) {
        transactions.run(() -> {
            RotaEntry entry = books.read().rota(owner(school)).stream().filter(e -> e.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rota entry: it may have been deleted."));
            books.changed(transactions);
            store.deleteRota(id);
            record(actor, school, "alert.rota.delete", "rota:" + id,
                    RotaWords.describe(entry.band(), entry.position(), entry.username()));
        });
    }

    public void setSchoolHours(String actor, String starts, String ends) {
        setSchoolHours(actor, Optional.empty(), starts, ends);
    }

    /** Sets the trust's school hours, or a school's own (kept even when they equal the trust's). */
    public void setSchoolHours(String actor, Optional<School> school, String starts, String ends) {
        LocalTime from = time(starts);
        LocalTime until = time(ends);
        if (!until.isAfter(from)) {
            throw new InvalidRequest("School hours end after they start.");
        }
        SchoolHours now = new SchoolHours(from, until);
        transactions.run(() -> {
            RuleSets sets = books.read();
            Optional<SchoolHours> own = school.flatMap(s -> sets.ownHours(s.id()));
            SchoolHours old = school.isPresent() ? own.orElse(sets.trustHours()) : sets.trustHours();
            if (old.equals(now) && (school.isEmpty() || own.isPresent())) {
                return;
            }
            books.changed(transactions);
            if (school.isPresent()) {
                store.setSchoolHours(school.get().id(), from.toString(), until.toString());
            } else {
                store.setSchoolHours(from.toString(), until.toString());
            }
            String was = words(old) + (school.isPresent() && own.isEmpty() ? " (the trust's)" : "");
            record(actor, school, "alert.hours.change", "school-hours", was + " -> " + words(now));
        });
    }

    /**
     * Takes a school's own hours away, so the trust's apply to it again.
     *
     * @return whether the school had hours of its own
     */
    public boolean inheritSchoolHours(String actor, School school) {
        return transactions.inTransaction(() -> {
            RuleSets sets = books.read();
            Optional<SchoolHours> own = sets.ownHours(school.id());
            if (own.isEmpty()) {
                return false;
            }
            books.changed(transactions);
            store.removeSchoolHours(school.id());
            record(actor, Optional.of(school), "alert.hours.change", "school-hours",
                    words(own.get()) + " -> the trust's (" + words(sets.trustHours()) + ")");
            return true;
        });
    }

    /** Enabled DSLs with an email address by id: the only people the trust's rules and rota may name. */
    public Map<Long, AlertRecipient> emailableDsls() {
        return byId(recipients.allDsls());
    }

    /** The people a school's own rules and rota may name: its enabled DSLs with an email (ADR 0191). */
    public Map<Long, AlertRecipient> emailableDsls(Optional<School> school) {
        return school.map(s -> byId(recipients.dslsOf(s.id()))).orElseGet(this::emailableDsls);
    }

    private static Map<Long, AlertRecipient> byId(List<AlertRecipient> dsls) {
        return dsls.stream().collect(Collectors.toMap(AlertRecipient::userId, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    /** The trust's rules must alert on severity 5 by themselves; a school's, followed by the trust's. */
    private static void guard(RuleSets sets, Optional<Long> owner, List<AlertRule> ownRules) {
        SeverityFiveGuard.check(owner.isPresent() ? sets.effectiveRules(ownRules) : RuleOrder.renumbered(ownRules));
    }

    private void record(String actor, Optional<School> school, String action, String target, String detail) {
        if (school.isEmpty()) {
            audit.record(actor, action, target, detail);
            return;
        }
        School s = school.get();
        audit.record(actor, action, target, "school " + s.code() + " (" + s.name() + "): " + detail,
                Set.of(s.id()));
    }

    private static Optional<Long> owner(Optional<School> school) {
        return school.map(School::id);
    }

    private AlertRule checkedUsers(AlertRule rule, Optional<School> school) {
        Map<Long, AlertRecipient> dsls = emailableDsls(school);
        for (long id : rule.namedUserIds()) {
            if (!dsls.containsKey(id)) {
                throw new InvalidRequest(school.isPresent()
                        ? "Only enabled DSLs of this school with an email address can be named in its rules."
                        : "Only enabled DSLs with an email address can be named in a rule.");
            }
        }
        return rule;
    }

    private Map<Long, String> usernames() {
        return emailableDsls().values().stream().collect(Collectors.toMap(AlertRecipient::userId,
                AlertRecipient::username));
    }

    private void saveOrder(List<AlertRule> rules, Optional<Long> owner) {
        for (AlertRule rule : RuleOrder.renumbered(rules)) {
            if (rule.id() != 0) {
                store.changeRule(RuleBooks.stored(rule, owner));
            }
        }
    }

    private static AlertRule withId(AlertRule r, long id) {
        return new AlertRule(id, r.position(), r.minSeverity(), r.maxSeverity(), r.category(), r.hours(), r.action(),
                r.recipients(), r.namedUserIds(), r.webhook());
    }

    private static String words(SchoolHours hours) {
        return hours.starts() + "-" + hours.ends();
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip()).withSecond(0).withNano(0);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("\"" + text + "\" is not a time of day (for example 18:00).");
        }
    }
}
