package org.vigil.wordlists;

/**
 * A rule matched in some text.
 *
 * @param rule        the rule that matched
 * @param start       offset of the first matched char in the text that was scanned (or the feed's line)
 * @param end         offset just past the last matched char
 * @param matchedText the text as typed between start and end
 */
public record Hit(Rule rule, int start, int end, String matchedText) {

    /** Why this matched, in words a DSL can read. */
    public String explanation() {
        String how = rule.mode() == MatchMode.WORD_PREFIX
                ? "a word starting with \"" + rule.term() + "\""
                : "the whole word or phrase \"" + rule.term() + "\"";
        return "Matched " + how + " (case ignored) from rule " + rule.id()
                + ", category " + rule.category() + ", severity " + rule.severity() + ".";
    }
}
