package org.vigil.wordlists;

/**
 * Which pairs of first two char classes the slip index's prefix variants start with (docs/adr/0187). The tracker asks
 * once per word, at its second char; only a word that starts like some variant has its growing prefix looked up in
 * the index's filter at each further char. Every variant keeps its listed word's first letter, so few pairs are held
 * and most typed words are ruled out before any hash is read. A word ruled out here could not have been confirmed as
 * a prefix slip: the index holds no variant that starts as it does.
 */
final class PrefixStarts {
    static final PrefixStarts NONE = new PrefixStarts(new boolean[0], 0);
    /** The gate's value for a word whose first two classes start some variant. */
    static final int OPEN = Integer.MAX_VALUE;
    /** The gate's value for a word that starts no variant. */
    static final int CLOSED = -1;

    private final boolean[] pairs;
    private final int classes;

    private PrefixStarts(boolean[] pairs, int classes) {
        this.pairs = pairs;
        this.classes = classes;
    }

    /** The gate after a word's first class: a row to read at its second char, or {@link #CLOSED}. */
    int afterFirst(int cls) {
        return cls < classes ? cls * classes : CLOSED;
    }

    /** The gate after the word's second class, from the gate after its first. */
    int afterSecond(int gate, int cls) {
        return gate >= 0 && cls < classes && pairs[gate + cls] ? OPEN : CLOSED;
    }

    long footprintBytes() {
        return pairs.length;
    }

    static final class Builder {
        private final boolean[] pairs;
        private final int classes;

        Builder(int classes) {
            this.classes = classes;
            this.pairs = new boolean[classes * classes];
        }

        /** A prefix variant kept in the index (folded letters, two or more). */
        void add(String typed, Automaton automaton) {
            if (typed.length() < 2) {
                throw new IllegalArgumentException("a prefix variant shorter than two letters: " + typed);
            }
            pairs[automaton.classOfFolded(typed.charAt(0)) * classes + automaton.classOfFolded(typed.charAt(1))] = true;
        }

        PrefixStarts build() {
            return new PrefixStarts(pairs, classes);
        }
    }
}
