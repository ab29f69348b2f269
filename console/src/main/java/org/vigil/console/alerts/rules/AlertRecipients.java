package org.vigil.console.alerts.rules;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;

/**
 * Turns a rule's "to whom" into people: always enabled DSLs with an email address. A rule for the rota when no DSL
 * with an email is on it, or for named DSLs none of whom can be emailed, falls back to every DSL: an alert that
 * reaches too many people is better than one that reaches no one.
 */
public final class AlertRecipients {
    private final AlertRepository alerts;
    private final SchoolRepository schools;

    public AlertRecipients(AlertRepository alerts, SchoolRepository schools) {
        this.alerts = alerts;
        this.schools = schools;
    }

    /** Every school, the first school first (a one-school console: just {@link School#FIRST}). */
    public List<School> schools() {
        return schools.list();
    }

    /** The enabled DSLs with an email who work for the school (ADR 0191). */
    public List<AlertRecipient> dslsOf(long schoolId) {
        return alerts.recipientsWithRole(Role.DSL.name(), schoolId);
    }

    /**
     * Whom the rule alerts about a capture of that school: only DSLs who work for it (ADR 0191), so a rota or a
     * named DSL of another school is never sent it; when the rule's choice leaves none, every DSL of the school.
     */
    public List<AlertRecipient> of(AlertRule rule, RuleBook book, Instant at, long schoolId) {
        return chosen(rule, book, at, dslsOf(schoolId));
    }

    private static List<AlertRecipient> chosen(AlertRule rule, RuleBook book, Instant at, List<AlertRecipient> dsls) {
        if (rule.recipients() == RuleRecipients.ALL_DSLS) {
            return dsls;
        }
        Set<Long> wanted = rule.recipients() == RuleRecipients.ROTA ? ids(book.onCall(at))
                : Set.copyOf(rule.namedUserIds());
        List<AlertRecipient> chosen = dsls.stream().filter(dsl -> wanted.contains(dsl.userId())).toList();
        return chosen.isEmpty() ? dsls : chosen;
    }

    /** The school of a device, so of the captures it sends. */
    public long schoolOfDevice(String deviceId) {
        return alerts.schoolOfDevice(deviceId);
    }

    /** Every enabled DSL with an email address. */
    public List<AlertRecipient> allDsls() {
        return alerts.recipientsWithRole(Role.DSL.name());
    }

    static Set<Long> ids(List<RotaEntry> entries) {
        Set<Long> ids = new HashSet<>();
        entries.forEach(entry -> ids.add(entry.userId()));
        return ids;
    }
}
