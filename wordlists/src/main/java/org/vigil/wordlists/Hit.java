package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vigil.wordlists.typo.Misspelling;

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
 * @param misspellings   the misspelt words the hit was read through, in the order typed ("myslef" for "myself",
 *                       docs/adr/0164; one per word, docs/adr/0210); empty if none
 */
public record Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations, int severity,
                  List<String> reasons, List<Misspelling> misspellings) {

    public Hit {
        normalisations = Set.copyOf(normalisations);
        reasons = List.copyOf(reasons);
        misspellings = List.copyOf(misspellings);
    }

    /** A hit at its rule's own severity, read without a misspelling. */
    public Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations) {
        this(rule, start, end, matchedText, normalisations, rule.severity(), List.of(), List.of());
    }

    /** A hit read without a misspelling. */
    public Hit(Rule rule, int start, int end, String matchedText, Set<Normalisation> normalisations, int severity,
               List<String> reasons) {
        this(rule, start, end, matchedText, normalisations, severity, reasons, List.of());
    }

    /** The same hit at another severity, with the reason. */
    public Hit raisedTo(int newSeverity, String reason) {
        List<String> all = new ArrayList<>(reasons);
        all.add(reason);
        return new Hit(rule, start, end, matchedText, normalisations, newSeverity, all, misspellings);
    }

    /** The same hit with its offsets {@code n} chars earlier (not below 0): the text before it was dropped. */
    Hit shiftedBack(int n) {
        return new Hit(rule, Math.max(0, start - n), Math.max(0, end - n), matchedText, normalisations, severity,
                reasons, misspellings);
    }

    /** Why this matched, in words a DSL can read: the rule (file, line, term), category, severity and normalisations. */
    public String explanation() {
        String how = rule.proximity().map(p -> p.describe() + " in the same line").orElseGet(() -> switch (rule.mode()) {
            case WORD_PREFIX -> "a word starting with \"" + rule.plainTerm() + "\"";
            case FLEXIBLE_PHRASE -> "the phrase \"" + rule.term().replace('~', ' ') + "\" (any spacing)";
            case WHOLE_WORD -> "the whole word or phrase \"" + rule.plainTerm() + "\"";
        });
        List<String> undoneList = normalisations.stream().filter(n -> n != Normalisation.MISSPELLED).sorted()
                .map(Normalisation::description).toList();
        String read = misspellings.isEmpty() ? ""
                : "reading " + String.join(" and ", misspellings.stream().map(Misspelling::describe).toList());
        String undone = undoneList.isEmpty() ? (read.isEmpty() ? "as written" : read)
                : "after undoing " + String.join(", ", undoneList) + (read.isEmpty() ? "" : ", " + read);
        String raised = reasons.isEmpty() ? "" : " (" + rule.severity() + " in the list, raised by "
                + String.join("; ", reasons) + ")";
        return "\"" + matchedText + "\" matched " + how + ", " + undone + ", from rule " + rule.id()
                + ", category " + rule.category() + ", severity " + severity + raised + ".";
    }
}
