package org.vigil.console.alerts.rules;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.console.settings.SchoolSettings;

/**
 * The rules, rota and school hours in force (the trust's, or a school's over the trust's) at one moment, with the settings they are read against (zone, school
 * days). Pure: every question takes the instant it is about.
 */
public record RuleBook(List<AlertRule> rules, List<RotaEntry> rota, SchoolHours schoolHours,
                       SchoolSettings settings) {

    public RuleBook {
        rules = rules.stream().sorted(Comparator.comparingInt(AlertRule::position)
                .thenComparingLong(AlertRule::id)).toList();
        rota = List.copyOf(rota);
    }

    public boolean inSchoolHours(Instant at) {
        return schoolHours.contains(local(at), settings.schoolDays());
    }

    /** The first rule that matches a capture of this severity and category stored at that moment. */
    public Optional<AlertRule> ruleFor(int severity, String category, Instant at) {
        boolean school = inSchoolHours(at);
        return rules.stream().filter(rule -> rule.matches(severity, category, school)).findFirst();
    }

    /**
     * Who is on call at that moment, first on first, then the deputies (by position; a user in two overlapping
     * bands counts once, at their first place).
     */
    public List<RotaEntry> onCall(Instant at) {
        ZonedDateTime local = local(at);
        Map<Long, RotaEntry> byUser = new LinkedHashMap<>();
        rota.stream().filter(entry -> entry.band().covers(local))
                .sorted(Comparator.comparingInt(RotaEntry::position).thenComparingLong(RotaEntry::id))
                .forEach(entry -> byUser.putIfAbsent(entry.userId(), entry));
        return List.copyOf(byUser.values());
    }

    private ZonedDateTime local(Instant at) {
        return at.atZone(settings.zone());
    }
}
