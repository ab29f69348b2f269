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

    private final char[] classOfChar;
    private final int classes;
    private final int[] next;
    private final int[] outputStart;
    private final int[] outputs;
    private final int[] dictionaryLink;
    private final byte[] flags;
    /** The class of {@link Fold#WILDCARD}, or {@link #OTHER_CLASS} when no term has a masked vowel. */
    private final int wildcardClass;

    private Automaton(char[] classOfChar, int classes, int[] next, int[] outputStart, int[] outputs,
                      int[] dictionaryLink, byte[] flags, int wildcardClass) {
        this.wildcardClass = wildcardClass;
        this.classOfChar = classOfChar;
        this.classes = classes;
        this.next = next;
        this.outputStart = outputStart;
        this.outputs = outputs;
        this.dictionaryLink = dictionaryLink;
        this.flags = flags;
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

    int step(int state, int cls) {
        return next[state * classes + cls];
    }

    int flags(int state) {
        return flags[state];
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

    int states() {
        return dictionaryLink.length;
    }

    long footprintBytes() {
        return 2L * classOfChar.length + 4L * (next.length + outputStart.length + outputs.length
                + dictionaryLink.length) + flags.length;
    }

    static Automaton build(List<CompiledTerm> patterns) {
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
        State root = new State();
        State[] terminal = new State[patterns.size()];
        for (int p = 0; p < terminal.length; p++) {
            State state = root;
            for (char cls : classSequence(patterns.get(p), classOfFolded).toCharArray()) {
                state = state.addState(cls);
            }
            terminal[p] = state;
        }
        Map<State, Integer> ids = numberBreadthFirst(root);
        TrieBuilder trie = new TrieBuilder(classes, ids.size(), terminal.length);
        ids.forEach((state, id) -> {
            for (Character cls : state.getTransitions()) {
                trie.setChild(id, cls, ids.get(state.nextStateIgnoreRootState(cls)));
            }
        });
        for (int p = 0; p < terminal.length; p++) {
            trie.addOutput(ids.get(terminal[p]), p, patterns.get(p).flag());
        }
        return trie.toAutomaton(classOfChars(classOfFolded), classes, classOfFolded[Fold.WILDCARD]);
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
        private final int classes;
        private final int[] next;
        private final int[] outputHead;
        private final int[] outputNext;
        private final int[] outputPattern;
        private final byte[] ownFlags;
        private final int states;
        private int outputCount;

        TrieBuilder(int classes, int stateCount, int patterns) {
            this.classes = classes;
            this.states = stateCount;
            next = new int[stateCount * classes];
            outputHead = new int[stateCount];
            Arrays.fill(outputHead, -1);
            ownFlags = new byte[stateCount];
            outputNext = new int[Math.max(1, patterns)];
            outputPattern = new int[Math.max(1, patterns)];
        }

        void setChild(int state, int cls, int child) {
            next[state * classes + cls] = child;
        }

        void addOutput(int state, int pattern, int flag) {
            outputPattern[outputCount] = pattern;
            outputNext[outputCount] = outputHead[state];
            outputHead[state] = outputCount++;
            ownFlags[state] |= (byte) flag;
        }

        Automaton toAutomaton(char[] classOfChar, int classCount, int wildcardClass) {
            int[] fail = new int[states];
            int[] dictionaryLink = new int[states];
            byte[] flags = new byte[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            dictionaryLink[0] = -1;
            flags[0] = ownFlags[0];
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
                int row = state * classes;
                int failRow = fail[state] * classes;
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
            int written = 0;
            for (int state = 0; state < states; state++) {
                outputStart[state] = written;
                for (int o = outputHead[state]; o >= 0; o = outputNext[o]) {
                    outputs[written++] = outputPattern[o];
                }
            }
            outputStart[states] = written;
            return new Automaton(classOfChar, classCount, next, outputStart, outputs, dictionaryLink, flags,
                    wildcardClass);
        }
    }
}
