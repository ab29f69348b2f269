package org.vigil.wordlists;

import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton compiled to a dense DFA: every state has a transition for every char class, so one
 * step is one array read whatever the number of terms. Char classes are the folded chars the patterns use, plus
 * {@link #SEPARATOR_CLASS} and {@link #OTHER_CLASS} for everything else; {@link #classOf(char)} maps a typed char
 * straight to its class (or {@link #IGNORED_CLASS} / {@link #SURROGATE_CLASS}).
 * Outputs of a state are its own patterns plus those down its dictionary-suffix links.
 */
final class Automaton {
    static final int OTHER_CLASS = 0;
    static final int SEPARATOR_CLASS = 1;
    static final char IGNORED_CLASS = '\uFFFF';
    static final char SURROGATE_CLASS = '\uFFFE';
    static final int REPORTS_AT_PREFIX = 1;
    static final int REPORTS_AT_WORD_END = 2;

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
        TrieBuilder trie = new TrieBuilder(classes, patterns.size());
        for (int p = 0; p < patterns.size(); p++) {
            CompiledTerm pattern = patterns.get(p);
            String chars = pattern.form().chars();
            int state = 0;
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                state = trie.child(state, c == Fold.SEPARATOR ? SEPARATOR_CLASS : classOfFolded[c]);
            }
            trie.addOutput(state, p, pattern.reportsAtWordEnd() ? REPORTS_AT_WORD_END : REPORTS_AT_PREFIX);
        }
        return trie.toAutomaton(classOfChars(classOfFolded), classes);
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

    /** The goto trie in growing dense rows, then the failure links filled in breadth first. */
    private static final class TrieBuilder {
        private final int classes;
        private int[] next;
        private int states = 1;
        private int[] outputHead;
        private int[] outputNext;
        private int[] outputPattern;
        private int outputCount;
        private byte[] ownFlags;

        TrieBuilder(int classes, int patterns) {
            this.classes = classes;
            int capacity = Math.max(16, patterns * 4);
            next = new int[capacity * classes];
            outputHead = new int[capacity];
            Arrays.fill(outputHead, -1);
            ownFlags = new byte[capacity];
            outputNext = new int[Math.max(1, patterns)];
            outputPattern = new int[Math.max(1, patterns)];
        }

        int child(int state, int cls) {
            int at = state * classes + cls;
            if (next[at] == 0) {
                if (states * classes == next.length) {
                    grow();
                }
                next[at] = states++;
            }
            return next[at];
        }

        void addOutput(int state, int pattern, int flag) {
            outputPattern[outputCount] = pattern;
            outputNext[outputCount] = outputHead[state];
            outputHead[state] = outputCount++;
            ownFlags[state] |= (byte) flag;
        }

        private void grow() {
            int capacity = states * 2;
            next = Arrays.copyOf(next, capacity * classes);
            int old = outputHead.length;
            outputHead = Arrays.copyOf(outputHead, capacity);
            Arrays.fill(outputHead, old, capacity, -1);
            ownFlags = Arrays.copyOf(ownFlags, capacity);
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
            return new Automaton(classOfChar, classCount, Arrays.copyOf(next, states * classes), outputStart,
                    outputs, dictionaryLink, flags);
        }
    }
}
