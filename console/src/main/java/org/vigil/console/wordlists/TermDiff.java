package org.vigil.console.wordlists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.Wordlist;

/**
 * Compares two wordlists entry by entry: an entry is a category and a term (unique within a category, the parser
 * sees to that); it changed if its severity, match mode or exceptions did. Comments, order and line numbers are
 * not differences.
 */
public final class TermDiff {
    private TermDiff() {
    }

    /** Changes from {@code before} to {@code after}, by category then term. */
    public static List<TermChange> between(Wordlist before, Wordlist after) {
        Map<String, Rule> old = byKey(before);
        Map<String, Rule> now = byKey(after);
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        List<TermChange> changes = new ArrayList<>();
        for (String key : keys) {
            Optional<Rule> was = Optional.ofNullable(old.get(key));
            Optional<Rule> is = Optional.ofNullable(now.get(key));
            Optional<String> wasText = was.map(TermDiff::entry);
            Optional<String> isText = is.map(TermDiff::entry);
            if (wasText.equals(isText)) {
                continue;
            }
            Rule either = is.orElseGet(was::orElseThrow);
            TermChange.Kind kind = was.isEmpty() ? TermChange.Kind.ADDED
                    : is.isEmpty() ? TermChange.Kind.REMOVED : TermChange.Kind.CHANGED;
            changes.add(new TermChange(either.category(), either.term(), kind, wasText, isText));
        }
        return changes;
    }

    private static Map<String, Rule> byKey(Wordlist wordlist) {
        Map<String, Rule> rules = new TreeMap<>();
        wordlist.rules().forEach(rule -> rules.put(rule.category() + '\u0000' + rule.term(), rule));
        return rules;
    }

    /** The rule as one line of the wordlist format. */
    static String entry(Rule rule) {
        StringBuilder line = new StringBuilder().append(rule.severity()).append(" | ").append(rule.term());
        if (rule.mode() == MatchMode.WORD_PREFIX) {
            line.append('*');
        }
        if (!rule.exceptions().isEmpty()) {
            line.append(" | except: ").append(String.join("; ", rule.exceptions()));
        }
        return line.toString();
    }
}
