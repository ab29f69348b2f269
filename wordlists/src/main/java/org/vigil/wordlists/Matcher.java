package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * A compiled wordlist: one Aho-Corasick automaton over every term, then the rules' own checks
 * (word boundaries, prefixes, exceptions). Case is ignored. Immutable and thread-safe; each typing
 * session takes its own {@link Feed}.
 */
public final class Matcher {
    private final Trie trie;
    private final Map<String, List<Rule>> rulesByTerm;
    private final int longestPhrase;

    private Matcher(Trie trie, Map<String, List<Rule>> rulesByTerm, int longestPhrase) {
        this.trie = trie;
        this.rulesByTerm = rulesByTerm;
        this.longestPhrase = longestPhrase;
    }

    public static Matcher compile(Wordlist wordlist) {
        Map<String, List<Rule>> rulesByTerm = new HashMap<>();
        int longest = 1;
        for (Rule rule : wordlist.rules()) {
            rulesByTerm.computeIfAbsent(rule.term(), term -> new ArrayList<>()).add(rule);
            longest = Math.max(longest, rule.term().length());
            for (String exception : rule.exceptions()) {
                longest = Math.max(longest, exception.length());
            }
        }
        Trie trie = Trie.builder().addKeywords(rulesByTerm.keySet()).build();
        return new Matcher(trie, Map.copyOf(rulesByTerm), longest);
    }

    /** Every hit in a whole text; offsets index into {@code text}. */
    public List<Hit> scan(CharSequence text) {
        return find(text, 0, text.length(), false);
    }

    /** A per-keystroke matcher for one line of typing. */
    public Feed newFeed() {
        return new Feed(this);
    }

    /** How far back a hit that ends now can start, exceptions included. */
    int lookBehind() {
        return longestPhrase + 2;
    }

    /**
     * Hits lying inside {@code text[from, to)}, treating {@code to} as the end of a word.
     * With {@code endingAtLimit}, only the hits that end exactly at {@code to}: those a boundary just completed.
     */
    List<Hit> find(CharSequence text, int from, int to, boolean endingAtLimit) {
        String window = lowerCase(text, from, to);
        Collection<Emit> emits = trie.parseText(window);
        List<Hit> hits = new ArrayList<>();
        for (Emit emit : emits) {
            int start = from + emit.getStart();
            int termEnd = from + emit.getEnd() + 1;
            if (start > 0 && isWordChar(text.charAt(start - 1))) {
                continue;
            }
            for (Rule rule : rulesByTerm.get(emit.getKeyword())) {
                int end = rule.mode() == MatchMode.WORD_PREFIX ? endOfWord(text, termEnd, to) : termEnd;
                boolean endsWord = end == to || !isWordChar(text.charAt(end));
                if (!endsWord || (endingAtLimit && end != to) || insideException(window, from, rule, start, end)) {
                    continue;
                }
                hits.add(new Hit(rule, start, end, text.subSequence(start, end).toString()));
            }
        }
        return hits;
    }

    private static boolean insideException(String window, int from, Rule rule, int start, int end) {
        for (String phrase : rule.exceptions()) {
            int searchFrom = Math.max(0, end - from - phrase.length());
            int at = window.indexOf(phrase, searchFrom);
            while (at >= 0 && at <= start - from) {
                if (at + phrase.length() >= end - from) {
                    return true;
                }
                at = window.indexOf(phrase, at + 1);
            }
        }
        return false;
    }

    private static int endOfWord(CharSequence text, int from, int limit) {
        int i = from;
        while (i < limit && isWordChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Char by char, so offsets in the lower-cased copy are the offsets in the original. */
    private static String lowerCase(CharSequence text, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = Character.toLowerCase(text.charAt(i));
        }
        return new String(out);
    }
}
