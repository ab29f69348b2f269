package org.vigil.wordlists;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.State;

/**
 * An Aho-Corasick automaton compiled to a dense DFA. The goto trie is built with {@code org.ahocorasick}'s
 * {@link State} (the library's own trie nodes; its {@code Trie} cannot be stepped one char at a time, see
 * docs/adr/0031-matcher.md), then copied into flat int rows and completed with failure links: every state has a transition for every char class, so one
 * step is one array read whatever the number of terms. Char classes are the folded chars the patterns use, plus
 * {@link #SEPARATOR_CLASS} and {@link #OTHER_CLASS} for everything else; {@link #classOf(char)} maps a typed char
 * straight to its class (or {@link #IGNORED_CLASS} / {@link #SURROGATE_CLASS}).
 * Outputs of a state are its own patterns plus those down its dictionary-suffix links. Word-track terms are
 * stored after a separator, so they can only match from a word's start: "kill" is never a candidate in "skill".
 * <p>A state is its number in breadth-first order (the root 0). Rows are {@code 1 << rowShift} wide (the classes
 * rounded up to a power of two), so one step is a shift, an add and one array read; while the states fit in a
 * {@code char} the table is a {@code char[]}, half the bytes of ints, so more of the rows a text visits stay in
 * cache (docs/adr/0209). What ends at a state is in a separate byte per state ({@link #flags}).
 */
final class Automaton {
    static final int OTHER_CLASS = 0;
    static final int SEPARATOR_CLASS = 1;
    static final char IGNORED_CLASS = '\uFFFF';
    static final char SURROGATE_CLASS = '\uFFFE';
    /** A masking symbol ({@link Fold#maskLetter}): a letter inside a word, a separator elsewhere; the tracker decides. */
    static final char MASK_CLASS = '\uFFFD';
    /** Flag bits of a state: which kinds of term end there (or down its dictionary-suffix links). */
    static final int WORD_PREFIX = 1;
    static final int WORD_END = 2;
    static final int LETTER_PREFIX = 4;
    static final int LETTER_END = 8;
    static final int LETTER_FLEXIBLE = 16;
    private static final int PREFIX_FLAGS = WORD_PREFIX | LETTER_PREFIX;
    /** The root state (row 0, no flags). */
    static final int ROOT = 0;
    /** The most states a {@code char} table can name; more, and the rows are ints. */
    private static final int NARROW_STATES = Character.MAX_VALUE + 1;

    private final char[] classOfChar;
    private final int classes;
    /** log2 of a row's width: the classes rounded up to a power of two. */
    private final int rowShift;
    /** The transitions while the states fit in a char, else null. */
    private final char[] narrowNext;
    /** The transitions when they do not, else null. */
    private final int[] wideNext;
    private final byte[] flags;
    /** The first state where a prefix term ends: every such state is numbered from here ({@link Ranks}). */
    private final int prefixFrom;
    private final int[] outputStart;
    private final int[] outputs;
    private final byte[] outputKinds;
    private final int[] dictionaryLink;
    /** The class of {@link Fold#WILDCARD}, or {@link #OTHER_CLASS} when no term has a masked vowel. */
    private final int wildcardClass;
    /** The longest letters-track pattern, in char classes (runs collapsed): how far back the letters track depends. */
    private final int longestLetters;
    /** Whether some pattern is a flexible phrase, which the letters track must follow at every word end. */
    private final boolean flexible;

    private Automaton(char[] classOfChar, int classes, int rowShift, int[] next, byte[] flags, int prefixFrom,
                      int[] outputStart, int[] outputs, byte[] outputKinds, int[] dictionaryLink, int wildcardClass,
                      int longestLetters, boolean flexible) {
        this.wildcardClass = wildcardClass;
        this.longestLetters = longestLetters;
        this.flexible = flexible;
        this.classOfChar = classOfChar;
        this.classes = classes;
        this.rowShift = rowShift;
        this.narrowNext = flags.length <= NARROW_STATES ? narrow(next) : null;
        this.wideNext = narrowNext == null ? next : null;
        this.flags = flags;
        this.prefixFrom = prefixFrom;
        this.outputStart = outputStart;
        this.outputs = outputs;
        this.outputKinds = outputKinds;
        this.dictionaryLink = dictionaryLink;
    }

    /** {@link #classOf} as a table, for a loop that reads it in place. */
    char[] classesOfChars() {
        return classOfChar;
    }

    char classOf(char c) {
        return classOfChar[c];
    }

    /** The class of a folded char (for surrogate pairs, folded by {@link Fold#at}). */
    int classOfFolded(char folded) {
        if (folded == Fold.OTHER_LETTER) {
            return OTHER_CLASS;
        }
        if (folded == Fold.WILDCARD) {
            return wildcardClass;
        }
        char cls = classOfChar[folded];
        return cls == IGNORED_CLASS || cls == SURROGATE_CLASS || cls == MASK_CLASS ? OTHER_CLASS : cls;
    }

    private static char[] narrow(int[] next) {
        char[] narrow = new char[next.length];
        for (int i = 0; i < next.length; i++) {
            narrow[i] = (char) next[i];
        }
        return narrow;
    }

    /** The state after {@code cls} from {@code state}. */
    int step(int state, int cls) {
        int at = (state << rowShift) + cls;
        return narrowNext != null ? narrowNext[at] : wideNext[at];
    }

    /** The transitions as chars, for a loop that steps in place ({@code (state << rowShift()) + cls}), or null. */
    char[] narrowRows() {
        return narrowNext;
    }

    int rowShift() {
        return rowShift;
    }

    /** Which kinds of term end at this state (or down its dictionary-suffix links). */
    int flags(int state) {
        return flags[state];
    }

    /**
     * The first state where a prefix term may end: {@code state >= prefixStatesFrom()} for every state whose
     * {@link #flags} have a prefix kind, so a loop can rule prefixes out with a compare, reading nothing.
     */
    int prefixStatesFrom() {
        return prefixFrom;
    }

    /** {@link #flags} as a table, for a loop that reads it in place. */
    byte[] flagTable() {
        return flags;
    }

    /** The state whose own outputs come next after {@code state}'s along the dictionary-suffix links, or -1. */
    int dictionaryLink(int state) {
        return dictionaryLink[state];
    }

    int outputsFrom(int state) {
        return outputStart[state];
    }

    int outputsTo(int state) {
        return outputStart[state + 1];
    }

    int output(int index) {
        return outputs[index];
    }

    /** The flag bit of the pattern {@link #output} gives (its kind: word end, word prefix, ...), read without it. */
    int outputKind(int index) {
        return outputKinds[index];
    }

    /** Char classes (a row is this many, rounded up to a power of two). */
    int classes() {
        return classes;
    }

    int longestLetters() {
        return longestLetters;
    }

    boolean hasFlexiblePhrases() {
        return flexible;
    }

    int states() {
        return dictionaryLink.length;
    }

    /** Bytes of this automaton's own tables (the char class map is shared: {@link Tracks#footprintBytes()}). */
    long tableBytes() {
        long rows = narrowNext != null ? 2L * narrowNext.length : 4L * wideNext.length;
        return rows + flags.length + 4L * (outputStart.length + outputs.length + dictionaryLink.length)
                + outputKinds.length;
    }

    /**
     * The word track's automaton and the letters track's, over the same char classes. Apart, the word track's DFA
     * has only the paths that start after a separator, so inside a word that fits no term it sits at the root, one
     * cached row, instead of wandering the letters track's states (docs/adr/0165).
     */
    record Tracks(Automaton words, Automaton letters) {
        int states() {
            return words.states() + letters.states();
        }

        long footprintBytes() {
            return 2L * words.classOfChar.length + words.tableBytes() + letters.tableBytes();
        }
    }

    /** Both tracks' automata for the patterns; outputs are indexes into {@code patterns}. */
    static Tracks build(List<CompiledTerm> patterns) {
        char[] classOfFolded = new char[Character.MAX_VALUE + 1];
        int classes = 2;
        for (CompiledTerm pattern : patterns) {
            String chars = pattern.form().chars();
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c != Fold.SEPARATOR && classOfFolded[c] == 0) {
                    classOfFolded[c] = (char) classes++;
                }
            }
        }
        if (classes >= MASK_CLASS) {
            throw new IllegalArgumentException("the wordlist uses too many distinct letters");
        }
        char[] classOfChar = classOfChars(classOfFolded);
        return new Tracks(buildTrack(patterns, CompiledTerm.WORD_TRACK, classOfFolded, classOfChar, classes),
                buildTrack(patterns, CompiledTerm.LETTER_TRACK, classOfFolded, classOfChar, classes));
    }

    private static Automaton buildTrack(List<CompiledTerm> patterns, int track, char[] classOfFolded,
                                        char[] classOfChar, int classes) {
        State root = new State();
        State[] terminal = new State[patterns.size()];
        int longestLetters = 0;
        boolean flexible = false;
        for (int p = 0; p < terminal.length; p++) {
            if (patterns.get(p).track() != track) {
                continue;
            }
            State state = root;
            String sequence = classSequence(patterns.get(p), classOfFolded);
            for (char cls : sequence.toCharArray()) {
                state = state.addState(cls);
            }
            terminal[p] = state;
            if (patterns.get(p).track() == CompiledTerm.LETTER_TRACK) {
                longestLetters = Math.max(longestLetters, sequence.length());
                flexible |= patterns.get(p).flexible();
            }
        }
        Map<State, Integer> ids = numberBreadthFirst(root);
        TrieBuilder trie = new TrieBuilder(classes, ids.size(), terminal.length);
        ids.forEach((state, id) -> {
            for (Character cls : state.getTransitions()) {
                trie.setChild(id, cls, ids.get(state.nextStateIgnoreRootState(cls)));
            }
        });
        for (int p = 0; p < terminal.length; p++) {
            if (terminal[p] != null) {
                trie.addOutput(ids.get(terminal[p]), p, patterns.get(p).flag());
            }
        }
        return trie.toAutomaton(classOfChar, classes, classOfFolded[Fold.WILDCARD], longestLetters, flexible);
    }

    /** A pattern as the char classes the automaton steps through; word-track terms start after a separator. */
    private static String classSequence(CompiledTerm pattern, char[] classOfFolded) {
        String chars = pattern.form().chars();
        StringBuilder key = new StringBuilder(chars.length() + 1);
        if (pattern.track() == CompiledTerm.WORD_TRACK) {
            key.append((char) SEPARATOR_CLASS);
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            key.append(c == Fold.SEPARATOR ? (char) SEPARATOR_CLASS : classOfFolded[c]);
        }
        return key.toString();
    }

    /** The goto trie's states numbered in breadth-first order, the root first. */
    private static Map<State, Integer> numberBreadthFirst(State root) {
        Map<State, Integer> ids = new IdentityHashMap<>();
        ArrayDeque<State> queue = new ArrayDeque<>();
        ids.put(root, 0);
        queue.add(root);
        while (!queue.isEmpty()) {
            for (State child : queue.poll().getStates()) {
                ids.put(child, ids.size());
                queue.add(child);
            }
        }
        return ids;
    }

    private static char[] classOfChars(char[] classOfFolded) {
        char[] classOfChar = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                classOfChar[c] = Character.isLowSurrogate((char) c) ? SURROGATE_CLASS : IGNORED_CLASS;
                continue;
            }
            char folded = Fold.of((char) c);
            if (Fold.maskLetter((char) c) != 0) {
                classOfChar[c] = MASK_CLASS;
            } else if (folded == Fold.IGNORED) {
                classOfChar[c] = IGNORED_CLASS;
            } else if (folded == Fold.SEPARATOR) {
                classOfChar[c] = SEPARATOR_CLASS;
            } else if (folded != Fold.OTHER_LETTER) {
                classOfChar[c] = classOfFolded[folded];
            }
        }
        return classOfChar;
    }

    /**
     * The goto trie (built as {@code org.ahocorasick} states, numbered breadth first) copied into dense rows, sized
     * exactly. Then the failure links are filled in breadth first, turning the trie into a DFA in place.
     */
    private static final class TrieBuilder {
        private final int rowShift;
        private final int[] next;
        private final int[] outputHead;
        private final int[] outputNext;
        private final int[] outputPattern;
        private final byte[] outputKind;
        private final byte[] ownFlags;
        private final int states;
        private int outputCount;

        TrieBuilder(int classes, int stateCount, int patterns) {
            rowShift = 32 - Integer.numberOfLeadingZeros(classes - 1);
            if ((long) stateCount << rowShift > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the wordlist is too large: " + stateCount + " automaton states of "
                        + classes + " char classes");
            }
            this.states = stateCount;
            next = new int[stateCount << rowShift];
            outputHead = new int[stateCount];
            Arrays.fill(outputHead, -1);
            ownFlags = new byte[stateCount];
            outputNext = new int[Math.max(1, patterns)];
            outputPattern = new int[Math.max(1, patterns)];
            outputKind = new byte[Math.max(1, patterns)];
        }

        void setChild(int state, int cls, int child) {
            next[(state << rowShift) + cls] = child;
        }

        void addOutput(int state, int pattern, int flag) {
            outputPattern[outputCount] = pattern;
            outputNext[outputCount] = outputHead[state];
            outputHead[state] = outputCount++;
            outputKind[outputCount - 1] = (byte) flag;
            ownFlags[state] |= (byte) flag;
        }

        Automaton toAutomaton(char[] classOfChar, int classCount, int wildcardClass, int longestLetters,
                              boolean flexible) {
            int[] fail = new int[states];
            int[] dictionaryLink = new int[states];
            byte[] flags = new byte[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            dictionaryLink[0] = -1;
            flags[0] = ownFlags[0];
            int classes = classCount;
            for (int cls = 0; cls < classes; cls++) {
                int child = next[cls];
                if (child != 0) {
                    queue[tail++] = child;
                    dictionaryLink[child] = -1;
                    flags[child] = ownFlags[child];
                }
            }
            while (head < tail) {
                int state = queue[head++];
                int row = state << rowShift;
                int failRow = fail[state] << rowShift;
                for (int cls = 0; cls < classes; cls++) {
                    int child = next[row + cls];
                    if (child == 0) {
                        next[row + cls] = next[failRow + cls];
                        continue;
                    }
                    int childFail = next[failRow + cls];
                    fail[child] = childFail;
                    dictionaryLink[child] = outputHead[childFail] >= 0 ? childFail : dictionaryLink[childFail];
                    flags[child] = (byte) (ownFlags[child] | flags[childFail]);
                    queue[tail++] = child;
                }
            }
            int[] outputStart = new int[states + 1];
            int[] outputs = new int[outputCount];
            byte[] outputKinds = new byte[outputCount];
            int written = 0;
            Ranks ranks = Ranks.prefixStatesLast(flags);
            for (int rank = 0; rank < states; rank++) {
                outputStart[rank] = written;
                for (int o = outputHead[ranks.state[rank]]; o >= 0; o = outputNext[o]) {
                    outputKinds[written] = outputKind[o];
                    outputs[written++] = outputPattern[o];
                }
            }
            outputStart[states] = written;
            int[] rows = new int[next.length];
            byte[] rankedFlags = new byte[states];
            int[] rankedLinks = new int[states];
            for (int state = 0; state < states; state++) {
                int rank = ranks.rank[state];
                for (int cls = 0; cls < classCount; cls++) {
                    rows[(rank << rowShift) + cls] = ranks.rank[next[(state << rowShift) + cls]];
                }
                rankedFlags[rank] = flags[state];
                rankedLinks[rank] = dictionaryLink[state] < 0 ? -1 : ranks.rank[dictionaryLink[state]];
            }
            return new Automaton(classOfChar, classCount, rowShift, rows, rankedFlags, ranks.prefixFrom,
                    outputStart, outputs, outputKinds, rankedLinks, wildcardClass, longestLetters, flexible);
        }
    }

    /**
     * The states renumbered: those where no prefix term ends first, then those where one does, each in
     * breadth-first order, so "a prefix term ends here" is {@code state >= prefixFrom}, a compare with no read
     * (docs/adr/0209). The root keeps 0; should a prefix term end at the root, nothing moves and every state counts.
     */
    private record Ranks(int[] rank, int[] state, int prefixFrom) {
        static Ranks prefixStatesLast(byte[] flags) {
            int states = flags.length;
            int[] rank = new int[states];
            int[] state = new int[states];
            if ((flags[0] & PREFIX_FLAGS) != 0) {
                for (int s = 0; s < states; s++) {
                    rank[s] = s;
                    state[s] = s;
                }
                return new Ranks(rank, state, 0);
            }
            int next = 0;
            for (int s = 0; s < states; s++) {
                if ((flags[s] & PREFIX_FLAGS) == 0) {
                    rank[s] = next;
                    state[next++] = s;
                }
            }
            int prefixFrom = next;
            for (int s = 0; s < states; s++) {
                if ((flags[s] & PREFIX_FLAGS) != 0) {
                    rank[s] = next;
                    state[next++] = s;
                }
            }
            return new Ranks(rank, state, prefixFrom);
        }
    }
}
