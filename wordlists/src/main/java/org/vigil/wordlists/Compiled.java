package org.vigil.wordlists;

/**
 * What a tracker reads of a compiled wordlist: the automaton and its patterns, and beside them the two readings that
 * are not compiled into it (docs/adr/0164): which patterns take a doubled last letter, and the slips of long words.
 *
 * @param automata   the listed forms as dense DFAs, one per track
 * @param patterns   the automaton's patterns, by number
 * @param doubledEnd for each pattern, whether its last letter typed twice still reads as it ("bitchess")
 * @param slips      the one-slip misspellings of the long words of the entries that take them
 */
record Compiled(Automaton.Tracks automata, CompiledTerm[] patterns, boolean[] doubledEnd, SlipIndex slips) {
}
