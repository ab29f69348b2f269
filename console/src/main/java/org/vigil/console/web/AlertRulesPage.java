package org.vigil.console.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vigil.console.alerts.rules.AlertRule;
import org.vigil.console.alerts.rules.RotaEntry;
import org.vigil.console.alerts.rules.RotaWords;
import org.vigil.console.alerts.rules.RuleAction;
import org.vigil.console.alerts.rules.RuleBook;
import org.vigil.console.alerts.rules.RuleHours;
import org.vigil.console.alerts.rules.RuleRecipients;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.triage.KnownCategories;

/** The alert rules page: the rules in order and in words, the rota, who is on call now, and the settings they use. */
public record AlertRulesPage(PageHeader header, List<Rule> rules, List<Rota> rota, String onCallNow,
                             String schoolHoursStart, String schoolHoursEnd, SchoolSettings settings,
                             List<AlertRecipient> dsls, Optional<String> error, Optional<String> notice) {

    /** A rule with its sentence. */
    public record Rule(AlertRule rule, String words) {
        public String formId() {
            return "rule-" + rule.id();
        }

        public String href() {
            return AlertRulesRoutes.PATH + "/" + rule.id();
        }

        public boolean names(long userId) {
            return rule.namedUserIds().contains(userId);
        }
    }

    /** A rota band with its words. */
    public record Rota(RotaEntry entry, String band, String role) {
        public String deleteHref() {
            return "/alerts/rota/" + entry.id() + "/delete";
        }
    }

    static AlertRulesPage of(PageHeader header, RuleBook book, List<AlertRecipient> dsls, Instant now,
                             Optional<String> error, Optional<String> notice) {
        Map<Long, String> names = dsls.stream().collect(Collectors.toMap(AlertRecipient::userId,
                AlertRecipient::username));
        List<RotaEntry> onCall = book.onCall(now);
        String onCallNow = onCall.isEmpty() ? "no one (rules for the rota, and escalation, go to every DSL with an email)"
                : onCall.stream().map(e -> e.username() + " (" + (onCall.indexOf(e) == 0 ? "first on"
                        : "deputy " + onCall.indexOf(e)) + ")").collect(Collectors.joining(", then "));
        return new AlertRulesPage(header,
                book.rules().stream().map(r -> new Rule(r, r.describe(names))).toList(),
                book.rota().stream().map(e -> new Rota(e, RotaWords.band(e.band()), RotaWords.role(e.position())))
                        .toList(),
                onCallNow, book.schoolHours().starts().toString(), book.schoolHours().ends().toString(),
                book.settings(), dsls, error, notice);
    }

    public List<String> categories() {
        return KnownCategories.IDS;
    }

    public List<RuleHours> hours() {
        return List.of(RuleHours.values());
    }

    public List<RuleAction> actions() {
        return List.of(RuleAction.values());
    }

    public List<RuleRecipients> recipients() {
        return List.of(RuleRecipients.values());
    }

    public List<DayOfWeek> days() {
        return List.of(DayOfWeek.values());
    }

    public static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.UK);
    }

    public boolean schoolDay(DayOfWeek day) {
        return settings.schoolDays().contains(day);
    }

    public String schoolDays() {
        return days().stream().filter(this::schoolDay).map(AlertRulesPage::dayName)
                .collect(Collectors.joining(", "));
    }

    public List<Integer> severities() {
        return List.of(1, 2, 3, 4, 5);
    }
}
