package org.vigil.wordlists;

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
 */
public record Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations) {

    public Hit {
        normalisations = Set.copyOf(normalisations);
    }

    /** Why this matched, in words a DSL can read: the rule (file, line, term), category, severity and normalisations. */
    public String explanation() {
        String how = switch (rule.mode()) {
            case WORD_PREFIX -> "a word starting with \"" + rule.term() + "\"";
            case FLEXIBLE_PHRASE -> "the phrase \"" + rule.term().replace('~', ' ') + "\" (any spacing)";
            case WHOLE_WORD -> "the whole word or phrase \"" + rule.plainTerm() + "\"";
        };
        String undone = normalisations.isEmpty() ? "as written" : "after undoing " + normalisations.stream()
                .sorted().map(Normalisation::description).collect(Collectors.joining(", "));
        return "\"" + matchedText + "\" matched " + how + ", " + undone + ", from rule " + rule.id()
                + ", category " + rule.category() + ", severity " + rule.severity() + ".";
    }
}
