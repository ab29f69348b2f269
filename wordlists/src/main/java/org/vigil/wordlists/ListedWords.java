package org.vigil.wordlists;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.wordlists.inflect.Inflections;

/**
 * Every word a list names in its own right: each word of each entry's term (proximity alternatives included) with its
 * regular endings, and each word of each exception phrase. A misspelling or a doubled last letter is never read into
 * one of these: the word is another entry's business, or the innocent context an exception names (docs/adr/0164).
 */
final class ListedWords {
    private ListedWords() {
    }

    static Set<String> of(List<Rule> rules) {
        Set<String> listed = new HashSet<>();
        for (Rule rule : rules) {
            String term = rule.proximity().isPresent() ? rule.term().replaceAll("<[0-9]+>|/", " ") : rule.plainTerm();
            for (String word : term.replace('~', ' ').split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String plain = word.replaceAll("[^\\p{L}\\p{N}]", "");
                listed.add(plain);
                listed.addAll(Inflections.of(plain));
            }
            for (String phrase : rule.exceptions()) {
                for (String word : phrase.split(" +")) {
                    listed.add(word.replaceAll("[^\\p{L}\\p{N}]", ""));
                }
            }
        }
        return listed;
    }
}
