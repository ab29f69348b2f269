package org.vigil.console.alerts.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.console.request.InvalidRequest;

/**
 * A rule as a form sends it, every field text; {@link #toRule} checks it and says what is wrong in words a DSL
 * can act on.
 */
public record RuleDraft(String position, String minSeverity, String maxSeverity, String category, String hours,
                        String action, String recipients, List<String> namedUserIds, boolean webhook) {
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public RuleDraft {
        namedUserIds = List.copyOf(namedUserIds);
    }

    AlertRule toRule(long id) {
        int from = number(minSeverity, 1, 5, "The lowest severity is a number from 1 to 5.");
        int to = number(maxSeverity, 1, 5, "The highest severity is a number from 1 to 5.");
        if (from > to) {
            throw new InvalidRequest("The lowest severity (" + from + ") is above the highest (" + to + ").");
        }
        int order = number(position, 1, 1000, "The order is a number from 1 to 1000.");
        Optional<String> only = Optional.ofNullable(category).map(String::strip).filter(c -> !c.isEmpty()
                && !c.equals("*"));
        if (only.isPresent() && !CATEGORY.matcher(only.get()).matches()) {
            throw new InvalidRequest("\"" + only.get() + "\" is not a category id (for example self-harm).");
        }
        RuleRecipients whom = choice(RuleRecipients.class, recipients, "Choose whom the rule alerts.");
        List<Long> named = namedUserIds.stream().filter(s -> s != null && !s.isBlank()).map(s -> {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequest("Choose DSLs from the list.");
            }
        }).distinct().toList();
        if (whom == RuleRecipients.NAMED && named.isEmpty()) {
            throw new InvalidRequest("Name at least one DSL, or choose another \"to whom\".");
        }
        return new AlertRule(id, order, from, to, only, choice(RuleHours.class, hours, "Choose when the rule applies."),
                choice(RuleAction.class, action, "Choose what the rule does."), whom,
                whom == RuleRecipients.NAMED ? named : List.of(), webhook);
    }

    private static int number(String text, int min, int max, String refusal) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequest(refusal);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text, String refusal) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(refusal);
        }
    }
}
