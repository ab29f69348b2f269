package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Transactions;

/**
 * Every change to the rules, the rota and school hours: checked, then made with its audit row (what it was, what it
 * is now, in words) in one transaction. Only enabled DSLs with an email address may be named in a rule or put on
 * the rota; no change may leave a severity-5 capture without an alert at once ({@link SeverityFiveGuard}).
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

    /** Adds a rule at its place in the order; the rules below it move down one. */
    public long addRule(String actor, RuleDraft draft) {
        AlertRule rule = checkedUsers(draft.toRule(0));
        return transactions.inTransaction(() -> {
            List<AlertRule> rules = new ArrayList<>(books.read().rules());
            rules.add(Math.min(rule.position() - 1, rules.size()), rule);
            SeverityFiveGuard.check(renumbered(rules));
            books.changed(transactions);
            long id = store.addRule(RuleBooks.stored(rule));
            rules.set(rules.indexOf(rule), withId(rule, id));
            saveOrder(rules);
            audit.record(actor, "alert.rule.add", "alert-rule:" + id, rule.describe(usernames()));
            return id;
        });
    }

    /** Changes a rule, and its place in the order. */
    public void changeRule(String actor, long id, RuleDraft draft) {
        AlertRule rule = checkedUsers(draft.toRule(id));
        transactions.run(() -> {
            List<AlertRule> rules = new ArrayList<>(books.read().rules());
            AlertRule old = rules.stream().filter(r -> r.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rule: it may have been deleted."));
            rules.remove(old);
            rules.add(Math.min(rule.position() - 1, rules.size()), rule);
            SeverityFiveGuard.check(renumbered(rules));
            books.changed(transactions);
            saveOrder(rules);
            Map<Long, String> names = usernames();
            String before = old.position() + ". " + old.describe(names);
            String after = (rules.indexOf(rule) + 1) + ". " + rule.describe(names);
            audit.record(actor, "alert.rule.change", "alert-rule:" + id, before + " -> " + after);
        });
    }

    public void deleteRule(String actor, long id) {
        transactions.run(() -> {
            List<AlertRule> rules = new ArrayList<>(books.read().rules());
            AlertRule old = rules.stream().filter(r -> r.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rule: it may have been deleted."));
            rules.remove(old);
            SeverityFiveGuard.check(renumbered(rules));
            books.changed(transactions);
            store.deleteRule(id);
            saveOrder(rules);
            audit.record(actor, "alert.rule.delete", "alert-rule:" + id, old.describe(usernames()));
        });
    }

    /** Puts a DSL on the rota on each of the days, from {@code starts} to {@code ends} ("HH:MM"). */
    public List<Long> addRota(String actor, Set<DayOfWeek> days, String starts, String ends, String position,
                              long userId) {
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
        AlertRecipient dsl = emailableDsls().get(userId);
        if (dsl == null) {
            throw new InvalidRequest("Only an enabled DSL with an email address can be on the rota.");
        }
        int place = order;
        return transactions.inTransaction(() -> {
            books.changed(transactions);
            List<Long> ids = new ArrayList<>();
            for (DayOfWeek day : days.stream().sorted().toList()) {
                WeeklyBand band = new WeeklyBand(day, from, until);
                long id = store.addRota(day.name(), from.toString(), until.toString(), place, userId);
                audit.record(actor, "alert.rota.add", "rota:" + id, RotaWords.describe(band, place, dsl.username()));
                ids.add(id);
            }
            return ids;
        });
    }

    public void deleteRota(String actor, long id) {
        transactions.run(() -> {
            RotaEntry entry = books.read().rota().stream().filter(e -> e.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no such rota entry: it may have been deleted."));
            books.changed(transactions);
            store.deleteRota(id);
            audit.record(actor, "alert.rota.delete", "rota:" + id,
                    RotaWords.describe(entry.band(), entry.position(), entry.username()));
        });
    }

    public void setSchoolHours(String actor, String starts, String ends) {
        LocalTime from = time(starts);
        LocalTime until = time(ends);
        if (!until.isAfter(from)) {
            throw new InvalidRequest("School hours end after they start.");
        }
        transactions.run(() -> {
            SchoolHours old = books.read().schoolHours();
            if (old.equals(new SchoolHours(from, until))) {
                return;
            }
            books.changed(transactions);
            store.setSchoolHours(from.toString(), until.toString());
            audit.record(actor, "alert.hours.change", "school-hours",
                    old.starts() + "-" + old.ends() + " -> " + from + "-" + until);
        });
    }

    /** Enabled DSLs with an email address by id: the only people rules and the rota may name. */
    public Map<Long, AlertRecipient> emailableDsls() {
        return recipients.allDsls().stream().collect(Collectors.toMap(AlertRecipient::userId, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private AlertRule checkedUsers(AlertRule rule) {
        Map<Long, AlertRecipient> dsls = emailableDsls();
        for (long id : rule.namedUserIds()) {
            if (!dsls.containsKey(id)) {
                throw new InvalidRequest("Only enabled DSLs with an email address can be named in a rule.");
            }
        }
        return rule;
    }

    private Map<Long, String> usernames() {
        return emailableDsls().values().stream().collect(Collectors.toMap(AlertRecipient::userId,
                AlertRecipient::username));
    }

    private void saveOrder(List<AlertRule> rules) {
        List<AlertRule> numbered = renumbered(rules);
        for (AlertRule rule : numbered) {
            if (rule.id() != 0) {
                store.changeRule(RuleBooks.stored(rule));
            }
        }
    }

    private static List<AlertRule> renumbered(List<AlertRule> rules) {
        List<AlertRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AlertRule r = rules.get(i);
            out.add(new AlertRule(r.id(), i + 1, r.minSeverity(), r.maxSeverity(), r.category(), r.hours(),
                    r.action(), r.recipients(), r.namedUserIds(), r.webhook()));
        }
        return out;
    }

    private static AlertRule withId(AlertRule r, long id) {
        return new AlertRule(id, r.position(), r.minSeverity(), r.maxSeverity(), r.category(), r.hours(), r.action(),
                r.recipients(), r.namedUserIds(), r.webhook());
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip()).withSecond(0).withNano(0);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("\"" + text + "\" is not a time of day (for example 18:00).");
        }
    }
}
