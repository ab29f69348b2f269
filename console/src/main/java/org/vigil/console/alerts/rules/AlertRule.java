package org.vigil.console.alerts.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One line of the school's rules: for captures of severity {@code minSeverity..maxSeverity}, of one category or
 * any, in school hours, out of hours or at any time, what happens and to whom. Rules are read top to bottom
 * ({@code position}); the first that matches decides.
 *
 * @param webhook whether an at-once alert also goes to the webhook, when one is configured
 */
public record AlertRule(long id, int position, int minSeverity, int maxSeverity, Optional<String> category,
                        RuleHours hours, RuleAction action, RuleRecipients recipients, List<Long> namedUserIds,
                        boolean webhook) {

    public AlertRule {
        namedUserIds = List.copyOf(namedUserIds);
        if (minSeverity < 1 || maxSeverity > 5 || minSeverity > maxSeverity) {
            throw new IllegalArgumentException("severities " + minSeverity + "-" + maxSeverity);
        }
    }

    public boolean matches(int severity, String captureCategory, boolean inSchoolHours) {
        return severity >= minSeverity && severity <= maxSeverity
                && category.map(captureCategory::equals).orElse(true) && hours.covers(inSchoolHours);
    }

    /** The rule in words, e.g. "Severity 4-5, any category, at any time: alert at once to every DSL with an email, and the webhook". */
    public String describe(Map<Long, String> usernames) {
        String severities = minSeverity == maxSeverity ? "Severity " + minSeverity
                : "Severity " + minSeverity + "-" + maxSeverity;
        String what = severities + ", " + category.map(c -> "category " + c).orElse("any category") + ", "
                + hours.words() + ": " + action.words();
        if (action == RuleAction.NONE) {
            return what;
        }
        String whom = recipients == RuleRecipients.NAMED
                ? namedUserIds.stream().map(id -> usernames.getOrDefault(id, "user " + id))
                        .collect(Collectors.joining(", "))
                : recipients.words();
        return what + " to " + whom + (action == RuleAction.NOW && webhook ? ", and the webhook" : "");
    }
}
