package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled wordlist: every term folded ({@link Fold}) into Aho-Corasick automata, one per track, stepped as dense
 * DFAs ({@link Automaton}), then each candidate checked against its rule (word boundaries, prefix, run lengths, spaced
 * letters, exceptions). Immutable and thread-safe; each typing session takes its own {@link Feed}.
 * See docs/adr/0031-matcher.md.
 */
public final class Matcher {
    private final Automaton.Tracks automata;
    private final CompiledTerm[] patterns;

    private Matcher(Automaton.Tracks automata, CompiledTerm[] patterns) {
        this.automata = automata;
        this.patterns = patterns;
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
        return new Matcher(Automaton.build(patterns), patterns.toArray(new CompiledTerm[0]));
    }

    /** Every hit in a whole text; offsets index into {@code text}. A prefix hit covers the whole word it starts. */
    public List<Hit> scan(CharSequence text) {
        Tracker tracker = Tracker.over(automata, patterns, text);
        List<Hit> hits = new ArrayList<>();
        tracker.readAll(hits);
        tracker.finish();
        hits.addAll(tracker.takeFound());
        return hits;
    }

    /** A per-keystroke matcher for one line of typing. */
    public Feed newFeed() {
        return new Feed(Tracker.forTyping(automata, patterns, Feed.MAX_LINE));
    }

    /** States in the automata (both tracks), for benchmarks and the CLI. */
    public int states() {
        return automata.states();
    }

    /** Bytes held by the automaton's tables (the retained heap, give or take the rules themselves). */
    public long tableBytes() {
        return automata.footprintBytes();
    }
}
