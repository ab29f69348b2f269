package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.wordlists.typo.EnglishWords;

/**
 * A compiled wordlist: every term folded ({@link Fold}) into Aho-Corasick automata, one per track, stepped as dense
 * DFAs ({@link Automaton}), then each candidate checked against its rule (word boundaries, prefix, run lengths, spaced
 * letters, exceptions). Immutable and thread-safe; each typing session takes its own {@link Feed}.
 * See docs/adr/0031-matcher.md.
 */
public final class Matcher {
    private final Compiled compiled;

    private Matcher(Compiled compiled) {
        this.compiled = compiled;
    }

    public static Matcher compile(Wordlist wordlist) {
        Set<String> listedForms = new HashSet<>();
        for (Rule rule : wordlist.rules()) {
            listedForms.add(Patterns.listedForm(rule));
        }
        List<CompiledTerm> patterns = new ArrayList<>();
        for (Rule rule : wordlist.rules()) {
            patterns.addAll(Patterns.of(rule, listedForms));
        }
        CompiledTerm[] terms = patterns.toArray(new CompiledTerm[0]);
        Automaton.Tracks automata = Automaton.build(patterns);
        // one pass over the English word list for both readings that must never make a word (docs/adr/0164)
        SlipIndex.Candidates slips = SlipIndex.Candidates.of(wordlist.rules());
        Set<String> words = slips.wordsToAsk();
        words.addAll(DoubledEnds.candidates(terms));
        Set<String> english = EnglishWords.among(words, slips.prefix().keySet());
        Set<String> listed = ListedWords.of(wordlist.rules());
        return new Matcher(new Compiled(automata, terms, DoubledEnds.allowed(terms, english, listed),
                SlipIndex.build(slips, english, listed, automata.words())));
    }

    /** Every hit in a whole text; offsets index into {@code text}. A prefix hit covers the whole word it starts. */
    public List<Hit> scan(CharSequence text) {
        Tracker tracker = Tracker.over(compiled, text);
        List<Hit> hits = new ArrayList<>();
        tracker.readAll(hits);
        tracker.finish();
        hits.addAll(tracker.takeFound());
        return hits;
    }

    /** A per-keystroke matcher for one line of typing. */
    public Feed newFeed() {
        return new Feed(Tracker.forTyping(compiled, Feed.MAX_LINE));
    }

    /** States in the automata (both tracks), for benchmarks and the CLI. */
    public int states() {
        return compiled.automata().states();
    }

    /** Misspellings of long words the slip index holds (docs/adr/0164), for benchmarks and the CLI. */
    public int misspellings() {
        return compiled.slips().size();
    }

    /** Bytes held by the automaton's tables (the retained heap, give or take the rules themselves). */
    public long tableBytes() {
        return compiled.automata().footprintBytes() + compiled.slips().footprintBytes();
    }
}
