package org.vigil.wordlists;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An Aho-Corasick automaton compiled to a dense DFA: every state has a transition for every char class, so one
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

    private Automaton(char[] classOfChar, int classes, int[] next, int[] outputStart, int[] outputs,
                      int[] dictionaryLink, byte[] flags) {
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
        char cls = classOfChar[folded];
        return cls == IGNORED_CLASS || cls == SURROGATE_CLASS ? OTHER_CLASS : cls;
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
        if (classes >= SURROGATE_CLASS) {
            throw new IllegalArgumentException("the wordlist uses too many distinct letters");
        }
        String[] keys = new String[patterns.size()];
        for (int p = 0; p < keys.length; p++) {
            keys[p] = classSequence(patterns.get(p), classOfFolded);
        }
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, p -> p);
        Arrays.sort(order, Comparator.comparing((Integer p) -> keys[p]));
        int states = 1;
        int longest = 0;
        for (int k = 0; k < order.length; k++) {
            String key = keys[order[k]];
            states += key.length() - (k == 0 ? 0 : commonPrefix(keys[order[k - 1]], key));
            longest = Math.max(longest, key.length());
        }
        TrieBuilder trie = new TrieBuilder(classes, states, keys.length);
        int[] path = new int[longest + 1];
        for (int k = 0; k < order.length; k++) {
            int p = order[k];
            String key = keys[p];
            for (int d = k == 0 ? 0 : commonPrefix(keys[order[k - 1]], key); d < key.length(); d++) {
                path[d + 1] = trie.newChild(path[d], key.charAt(d));
            }
            trie.addOutput(path[key.length()], p, patterns.get(p).flag());
        }
        return trie.toAutomaton(classOfChars(classOfFolded), classes);
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

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static char[] classOfChars(char[] classOfFolded) {
        char[] classOfChar = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                classOfChar[c] = Character.isLowSurrogate((char) c) ? SURROGATE_CLASS : IGNORED_CLASS;
                continue;
            }
            char folded = Fold.of((char) c);
            if (folded == Fold.IGNORED) {
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
     * The goto trie in dense rows, sized exactly: patterns are inserted in sorted order, so the states are counted
     * first from common prefixes and each new state is a child of the path so far. Then the failure links are
     * filled in breadth first, turning the trie into a DFA in place.
     */
    private static final class TrieBuilder {
        private final int classes;
        private final int[] next;
        private final int[] outputHead;
        private final int[] outputNext;
        private final int[] outputPattern;
        private final byte[] ownFlags;
        private int states = 1;
        private int outputCount;

        TrieBuilder(int classes, int stateCount, int patterns) {
            this.classes = classes;
            next = new int[stateCount * classes];
            outputHead = new int[stateCount];
            Arrays.fill(outputHead, -1);
            ownFlags = new byte[stateCount];
            outputNext = new int[Math.max(1, patterns)];
            outputPattern = new int[Math.max(1, patterns)];
        }

        int newChild(int state, int cls) {
            next[state * classes + cls] = states;
            return states++;
        }

        void addOutput(int state, int pattern, int flag) {
            outputPattern[outputCount] = pattern;
            outputNext[outputCount] = outputHead[state];
            outputHead[state] = outputCount++;
            ownFlags[state] |= (byte) flag;
        }

        Automaton toAutomaton(char[] classOfChar, int classCount) {
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
            return new Automaton(classOfChar, classCount, next, outputStart, outputs, dictionaryLink, flags);
        }
    }
}
