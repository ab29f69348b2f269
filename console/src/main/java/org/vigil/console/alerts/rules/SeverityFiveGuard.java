package org.vigil.console.alerts.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.settings.SchoolSettings;

/**
 * Refuses a set of rules under which some severity-5 capture (of any category, in or out of school hours) would not
 * alert anyone at once: the one promise the console keeps whatever a school edits.
 */
final class SeverityFiveGuard {
    /** Stands for every category no rule names. */
    private static final String ANY_OTHER = "\u0000any other";

    private SeverityFiveGuard() {
    }

    static void check(List<AlertRule> rules) {
        List<AlertRule> ordered = new RuleBook(rules, List.of(), SchoolHours.DEFAULT,
                SchoolSettings.defaults()).rules();
        Set<String> categories = new LinkedHashSet<>();
        ordered.forEach(rule -> rule.category().ifPresent(categories::add));
        categories.add(ANY_OTHER);
        for (String category : categories) {
            for (boolean school : new boolean[] {true, false}) {
                boolean alerts = ordered.stream().filter(rule -> rule.matches(5, category, school)).findFirst()
                        .map(rule -> rule.action() == RuleAction.NOW).orElse(false);
                if (!alerts) {
                    throw new InvalidRequest("Nothing changed: with these rules a severity-5 capture ("
                            + (category.equals(ANY_OTHER) ? "a category no rule names" : category) + ", "
                            + (school ? "in school hours" : "out of hours")
                            + ") would alert no one at once. Severity 5 must always alert at once.");
                }
            }
        }
    }
}
