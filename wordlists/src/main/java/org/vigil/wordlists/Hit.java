package org.vigil.wordlists;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule matched in some text.
 *
 * @param rule           the rule that matched
 * @param start          offset of the first matched char in the text that was scanned (or the feed's line)
 * @param end            offset just past the last matched char
 * @param matchedText    the text as typed between start and end
 * @param normalisations what the matcher undid to find it (empty when the text was typed as the term is written)
 * @param severity       the rule's severity, or higher when a modifier in the line raised it (at most 5)
 * @param reasons        why the severity differs from the rule's, in words ("imminence: \"tonight\""); empty if not
 */
public record Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations, int severity,
                  List<String> reasons) {

    public Hit {
        normalisations = Set.copyOf(normalisations);
        reasons = List.copyOf(reasons);
    }

    /** A hit at its rule's own severity. */
    public Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations) {
        this(rule, start, end, matchedText, normalisations, rule.severity(), List.of());
    }

    /** The same hit at another severity, with the reason. */
    public Hit raisedTo(int newSeverity, String reason) {
        List<String> all = new java.util.ArrayList<>(reasons);
        all.add(reason);
        return new Hit(rule, start, end, matchedText, normalisations, newSeverity, all);
    }

    /** Why this matched, in words a DSL can read: the rule (file, line, term), category, severity and normalisations. */
    public String explanation() {
        String how = rule.proximity().map(p -> p.describe() + " in the same line").orElseGet(() -> switch (rule.mode()) {
            case WORD_PREFIX -> "a word starting with \"" + rule.term() + "\"";
            case FLEXIBLE_PHRASE -> "the phrase \"" + rule.term().replace('~', ' ') + "\" (any spacing)";
            case WHOLE_WORD -> "the whole word or phrase \"" + rule.plainTerm() + "\"";
        });
        String undone = normalisations.isEmpty() ? "as written" : "after undoing " + normalisations.stream()
                .sorted().map(Normalisation::description).collect(Collectors.joining(", "));
        String raised = reasons.isEmpty() ? "" : " (" + rule.severity() + " in the list, raised by "
                + String.join("; ", reasons) + ")";
        return "\"" + matchedText + "\" matched " + how + ", " + undone + ", from rule " + rule.id()
                + ", category " + rule.category() + ", severity " + severity + raised + ".";
    }
}
