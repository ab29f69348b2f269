package org.vigil.console.terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.Wordlist;
import org.vigil.wordlists.WordlistBundle;

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

    /**
     * Changes to groups' files: a group made or removed, and each directive line added or removed (a group's file
     * is a set of directives; comments and order are not differences). Category reads {@code group ID}.
     */
    public static List<TermChange> groupsBetween(WordlistBundle before, WordlistBundle after) {
        TreeSet<String> groups = new TreeSet<>(before.groups());
        groups.addAll(after.groups());
        List<TermChange> changes = new ArrayList<>();
        for (String group : groups) {
            String file = GroupOverrides.fileName(group);
            Optional<String> was = Optional.ofNullable(before.files().get(file));
            Optional<String> is = Optional.ofNullable(after.files().get(file));
            String category = "group " + group;
            if (was.isEmpty() || is.isEmpty()) {
                changes.add(new TermChange(category, "(the group)", was.isEmpty() ? TermChange.Kind.ADDED
                        : TermChange.Kind.REMOVED, was.map(text -> "group " + group), is.map(text -> "group " + group)));
            }
            TreeSet<String> old = directives(was.orElse(""));
            TreeSet<String> now = directives(is.orElse(""));
            old.stream().filter(line -> !now.contains(line)).forEach(line -> changes.add(
                    new TermChange(category, line, TermChange.Kind.REMOVED, Optional.of(line), Optional.empty())));
            now.stream().filter(line -> !old.contains(line)).forEach(line -> changes.add(
                    new TermChange(category, line, TermChange.Kind.ADDED, Optional.empty(), Optional.of(line))));
        }
        return changes;
    }

    private static TreeSet<String> directives(String text) {
        TreeSet<String> lines = new TreeSet<>();
        text.lines().map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty()
                && !line.startsWith("#")).forEach(lines::add);
        return lines;
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
