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
import org.vigil.console.alerts.rules.RuleBooks;
import org.vigil.console.alerts.rules.RuleHours;
import org.vigil.console.alerts.rules.RuleRecipients;
import org.vigil.console.alerts.rules.RuleSets;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.School;
import org.vigil.console.triage.KnownCategories;
import org.vigil.console.web.SchoolChoice.Chosen;

/**
 * The alert rules page of the trust or of a school (ADR 0204): the rules in force in order and in words (on a
 * school's page its own, then the trust's), the owner's own rules, rota and hours to change, who is on call now,
 * and the settings they use.
 *
 * @param inForce     every rule in force, in the order read, in words
 * @param rules       the owner's own rules, to change
 * @param rota        the owner's own rota, to change
 * @param trustRota   on a school's page without a rota of its own: the trust's, which it follows
 * @param ownHours    whether the page's hours are the owner's own (always, for the trust)
 */
public record AlertRulesPage(PageHeader header, Chosen chosen, List<InForce> inForce, List<Rule> rules,
                             List<Rota> rota, List<Rota> trustRota, String onCallNow, String schoolHoursStart,
                             String schoolHoursEnd, boolean ownHours, SchoolSettings settings,
                             List<AlertRecipient> dsls, Optional<String> error, Optional<String> notice) {

    /** A rule in force, in words, and whether it is the trust's on a school's page. */
    public record InForce(String words, boolean trusts) {
    }

    /** A rule with its sentence. */
    public record Rule(AlertRule rule, String words, String query) {
        public String formId() {
            return "rule-" + rule.id();
        }

        public String href() {
            return AlertRulesRoutes.PATH + "/" + rule.id() + query;
        }

        public String deleteHref() {
            return AlertRulesRoutes.PATH + "/" + rule.id() + "/delete" + query;
        }

        public boolean names(long userId) {
            return rule.namedUserIds().contains(userId);
        }
    }

    /** A rota band with its words. */
    public record Rota(RotaEntry entry, String band, String role, String query) {
        public String deleteHref() {
            return "/alerts/rota/" + entry.id() + "/delete" + query;
        }
    }

    static AlertRulesPage of(PageHeader header, Chosen chosen, RuleBooks books, List<AlertRecipient> dsls,
                             Map<Long, AlertRecipient> everyDsl, Instant now, Optional<String> error,
                             Optional<String> notice) {
        Map<Long, String> names = everyDsl.values().stream().collect(Collectors.toMap(AlertRecipient::userId,
                AlertRecipient::username));
        Optional<Long> owner = chosen.school().map(School::id);
        RuleSets sets = books.sets();
        RuleBook book = owner.map(books::current).orElseGet(books::current);
        String query = chosen.query();
        int own = sets.rules(owner).size();
        List<InForce> inForce = book.rules().stream()
                .map(r -> new InForce(r.describe(names), owner.isPresent() && r.position() > own)).toList();
        List<RotaEntry> onCall = book.onCall(now);
        String onCallNow = onCall.isEmpty() ? "no one (rules for the rota, and escalation, go to every DSL with an email)"
                : onCall.stream().map(e -> e.username() + " (" + (onCall.indexOf(e) == 0 ? "first on"
                        : "deputy " + onCall.indexOf(e)) + ")").collect(Collectors.joining(", then "));
        List<Rota> ownRota = rota(sets.rota(owner), query);
        List<Rota> trustRota = owner.isPresent() && ownRota.isEmpty() ? rota(sets.rota(Optional.empty()), query)
                : List.of();
        return new AlertRulesPage(header, chosen, inForce,
                sets.rules(owner).stream().map(r -> new Rule(r, r.describe(names), query)).toList(),
                ownRota, trustRota, onCallNow, book.schoolHours().starts().toString(),
                book.schoolHours().ends().toString(), owner.map(id -> sets.ownHours(id).isPresent()).orElse(true),
                book.settings(), dsls, error, notice);
    }

    private static List<Rota> rota(List<RotaEntry> entries, String query) {
        return entries.stream().map(e -> new Rota(e, RotaWords.band(e.band()), RotaWords.role(e.position()), query))
                .toList();
    }

    /** {@code "?school=CODE"} for the forms of a school's page, or nothing for the trust's. */
    public String query() {
        return chosen.query();
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
