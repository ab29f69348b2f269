package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.wordlists.severity.Imminence;
import org.vigil.wordlists.typo.Misspelling;
import org.vigil.wordlists.typo.Typos;

/**
 * Steps the automata one typed char at a time on two tracks: the word track (text with separators squeezed) and
 * the letters track (separators dropped, for spaced-out letters and flexible phrases). Both collapse repeated
 * letters. The per-char path reads and writes a few ints and allocates nothing; candidates the automaton reports
 * are checked by {@link Span}, and only real hits allocate.
 * <p>Two uses: over a whole text ({@link #over}, for scans), or over a line typed char by char ({@link #forTyping}),
 * which keeps the state after every char so Backspace is one step back, in a bounded window (the oldest half is
 * dropped when it fills). Not thread-safe.
 * <p>A prefix hit ({@code suicid*}) waits, like a hit an exception could still cover, until the word it starts
 * ends, and is reported as that whole word as typed ("suicidal", "su1c1de"); the exceptions are checked against
 * the term's own span, so a longer word does not move them.
 */
final class Tracker {
    private static final int PENDING_MAX = 8;
    private static final int REPORTED_MAX = 16;
    private static final int STATE_FIELDS = 16;
    /** How many words after a run of spaced-out letters a phrase can still end ("k-i-l-l my self"). */
    private static final int SPACED_REACH = 8;
    private static final int SIDES_MAX = 16;
    private static final int NO_MASK = -1;
    /** A pending prefix hit's word end while the word is still being typed. */
    private static final int WORD_OPEN = -1;
    /**
     * {@link #letterLast} while the letters track is not followed: it matters only near single letters typed as
     * words ("k y s", "k-i-l-l myself") unless the lists have flexible phrases, so it is caught up from the text when
     * two come in a row, and dropped again out of their reach (docs/adr/0165).
     */
    private static final int LETTERS_OFF = -1;
    private static final List<Normalisation> NORMALISATIONS = List.of(Normalisation.values());

    private final Automaton words;
    private final Automaton letters;
    private final CompiledTerm[] patterns;
    /** Which patterns take a doubled last letter ("bitchess"), and the slips of long words (docs/adr/0164). */
    private final boolean[] doubledEnd;
    private final SlipIndex slips;
    /** The shortest word start that can be a prefix slip; {@link Integer#MAX_VALUE} when the index has none. */
    private final int prefixSlipFrom;
    private final CharSequence text;
    private final StringBuilder line;
    private final int capacity;
    /** For typing: after char i, the six state fields below at [i * STATE_FIELDS ...]. */
    private final int[] history;
    private final int[] pendingPattern = new int[PENDING_MAX];
    private final int[] pendingStart = new int[PENDING_MAX];
    private final int[] pendingEnd = new int[PENDING_MAX];
    /** The word-track step count at which a pending hit's exceptions can no longer follow. */
    private final int[] pendingDue = new int[PENDING_MAX];
    /** Where the reported text ends: the term's end, or for a prefix hit its word's end ({@link #WORD_OPEN} until then). */
    private final int[] pendingWordEnd = new int[PENDING_MAX];
    private final int[] reportedPattern = new int[REPORTED_MAX];
    private final int[] reportedStart = new int[REPORTED_MAX];
    private final List<Hit> found = new ArrayList<>();
    /** Scratch space for folding the text around a candidate (exceptions, imminence), reused so checks allocate nothing. */
    private final FoldBuffer window = new FoldBuffer();
    private final ImminenceCheck imminence = new ImminenceCheck();
    private int length;
    private int wordState;
    private int letterState;
    private int wordLast;
    private int letterLast;
    /** Word-track steps so far: how far typing has gone past a hit that waits for its exceptions. */
    private int steps;
    /** Word chars since the last separator. */
    private int token;
    private int pendingCount;
    private int reportedCount;
    /** For typing: chars dropped from the front of this line, so a position survives the drop. */
    private long dropped;
    /**
     * Where the run of masking symbols ending the current word starts ("k!" of "k!ll" so far), or {@link #NO_MASK}.
     * They were stepped as letters; if the word ends on them ("kill!") the state before them comes back and the word
     * ends where they start. The six fields below are that state.
     */
    private int maskStart = NO_MASK;
    /** Words ended so far in this line: where a proximity side sits, in words. */
    private int wordsEnded;
    /** One-letter words in a row just now, and the word count when the last two-or-more such run was seen. */
    private int singleLetterWords;
    private int lastSpacedWord = -SPACED_REACH - 1;
    /** Proximity sides seen in this line (pattern, span, first and last word), oldest first. */
    private final int[] sidePattern = new int[SIDES_MAX];
    private final int[] sideStart = new int[SIDES_MAX];
    private final int[] sideEnd = new int[SIDES_MAX];
    private final int[] sideFirstWord = new int[SIDES_MAX];
    private final int[] sideLastWord = new int[SIDES_MAX];
    private int sideCount;
    private int maskWordState;
    private int maskLetterState;
    private int maskWordLast;
    private int maskLetterLast;
    private int maskSteps;
    private int maskToken;
    private long maskHash;
    private int maskPrefixSlips;
    private int maskPrefixGate;
    /** The current word: a running hash of its char classes, where it starts, and the word-track state before it. */
    private long wordHash;
    private int wordStart;
    private int wordStartState;
    /** Bit t set: the word's first t chars may be a prefix slip (the slip index's filter said so). */
    private int prefixSlips;
    /** Whether the word's first two classes start a prefix variant ({@link PrefixStarts}): only then is bit set above. */
    private int prefixGate = PrefixStarts.CLOSED;
    /**
     * The slips read in reach ("myslef" as "myself"): a candidate that runs over the last one is checked with each
     * listed word in place of the typed one. Null when there is none.
     */
    private SlipsRead slipsRead;
    /** The typed word, folded, read back when the slip index says it may be a slip. */
    private final char[] typedWord = new char[64];
    private final SlipsRead[] pendingSlips = new SlipsRead[PENDING_MAX];

    private Tracker(Compiled compiled, CharSequence text, StringBuilder line, int capacity) {
        this.words = compiled.automata().words();
        this.letters = compiled.automata().letters();
        this.patterns = compiled.patterns();
        this.doubledEnd = compiled.doubledEnd();
        this.slips = compiled.slips();
        this.prefixSlipFrom = slips.longestPrefix == 0 ? Integer.MAX_VALUE : slips.shortestPrefix;
        this.text = text;
        this.line = line;
        this.capacity = capacity;
        this.history = line == null ? null : new int[(capacity + 1) * STATE_FIELDS];
        clear();
    }

    /** Tracks a whole text; hits' offsets index into it. */
    static Tracker over(Compiled compiled, CharSequence text) {
        return new Tracker(compiled, text, null, text.length());
    }

    /** Tracks a line as it is typed, keeping at most {@code capacity} chars; hits' offsets index {@link #text()}. */
    static Tracker forTyping(Compiled compiled, int capacity) {
        StringBuilder line = new StringBuilder(capacity);
        return new Tracker(compiled, line, line, capacity);
    }

    CharSequence text() {
        return text;
    }

    long dropped() {
        return dropped;
    }

    /** Hits found since the last call, handed over (an immutable empty list, not a new one, when there are none). */
    List<Hit> takeFound() {
        if (found.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = List.copyOf(found);
        found.clear();
        return hits;
    }

    /** For a whole text: steps through every char not yet read. */
    void readAll(List<Hit> into) {
        int end = text.length();
        while (length < end) {
            if (maskStart == NO_MASK && letterLast == LETTERS_OFF && pendingCount == 0) {
                readLetters(end);
                if (length == end) {
                    break;
                }
            }
            advance();
            if (!found.isEmpty()) {
                // one by one: addAll would copy the list into a new array for every hit
                for (int h = 0; h < found.size(); h++) {
                    into.add(found.get(h));
                }
                found.clear();
            }
        }
    }

    /** For typing: one more char. */
    void push(char c) {
        if (length == capacity) {
            dropFront(capacity / 2);
        }
        line.append(c);
        advance();
        int at = length * STATE_FIELDS;
        history[at] = wordState;
        history[at + 1] = letterState;
        history[at + 2] = wordLast;
        history[at + 3] = letterLast;
        history[at + 4] = steps;
        history[at + 5] = token;
        history[at + 6] = maskStart;
        history[at + 7] = wordsEnded;
        history[at + 8] = singleLetterWords;
        history[at + 9] = lastSpacedWord;
        history[at + 10] = (int) wordHash;
        history[at + 11] = (int) (wordHash >>> 32);
        history[at + 12] = wordStart;
        history[at + 13] = wordStartState;
        history[at + 14] = prefixSlips;
        history[at + 15] = prefixGate;
    }

    /**
     * The common case of {@link #advance}, in a loop over locals (docs/adr/0187): letters, ignored chars and word
     * ends while the letters track is off, no masking symbol is open and no hit waits. It stops, leaving the char to
     * {@link #advance}, at anything else: a mask or a surrogate, a state where a prefix term ends, a word that may be
     * a prefix slip, a word end where a term ends, a slip may be read or spaced letters begin. What it does for a char
     * is what {@link #advance} would do.
     */
    private void readLetters(int end) {
        char[] classOfChar = words.classesOfChars();
        char[] rows = words.narrowRows();
        int rowShift = words.rowShift();
        byte[] flags = words.flagTable();
        int prefixFrom = words.prefixStatesFrom();
        int i = length;
        int state = wordState;
        int last = wordLast;
        int stepped = steps;
        int typed = token;
        long hash = wordHash;
        int gate = prefixGate;
        int startState = wordStartState;
        int start = wordStart;
        int slipsFrom = prefixSlipFrom;
        PrefixStarts starts = slips.prefixStarts;
        int wholeFrom = slips.shortest;
        int wholeTo = slips.longest;
        while (i < end) {
            int cls = classOfChar[text.charAt(i)];
            if (cls == Automaton.SEPARATOR_CLASS) {
                if (last != Automaton.SEPARATOR_CLASS) {
                    // a word ends where nothing ends, no slip can be read and no spaced letters begin
                    if ((flags[state] & Automaton.WORD_END) != 0 || prefixSlips != 0
                            || (typed == 1 && singleLetterWords >= 1)
                            || (typed >= wholeFrom && typed <= wholeTo && slips.mayHold(SlipIndex.wordKey(hash)))) {
                        break;
                    }
                    singleLetterWords = typed == 1 ? singleLetterWords + 1 : 0;
                    wordsEnded++;
                    state = rows != null ? rows[(state << rowShift) + cls] : words.step(state, cls);
                    last = cls;
                    stepped++;
                }
                typed = 0;
                i++;
                continue;
            }
            if (cls >= Automaton.MASK_CLASS) {
                if (cls != Automaton.IGNORED_CLASS) {
                    break;
                }
                i++;
                continue;
            }
            int nextTyped = typed + 1;
            long nextHash;
            int nextGate = gate;
            if (typed == 0) {
                nextHash = SlipIndex.step(0, cls);
                nextGate = starts.afterFirst(cls);
            } else {
                nextHash = SlipIndex.step(hash, cls);
                if (nextTyped == 2) {
                    nextGate = starts.afterSecond(gate, cls);
                }
            }
            if (nextTyped >= slipsFrom && nextGate == PrefixStarts.OPEN) {
                break;
            }
            int nextState = state;
            if (cls != last) {
                nextState = rows != null ? rows[(state << rowShift) + cls] : words.step(state, cls);
                if (nextState >= prefixFrom) {
                    break;
                }
            } else if (state >= prefixFrom) {
                break;
            }
            if (typed == 0) {
                start = i;
                startState = state;
                prefixSlips = 0;
            }
            if (cls != last) {
                state = nextState;
                last = cls;
                stepped++;
            }
            typed = nextTyped;
            hash = nextHash;
            gate = nextGate;
            i++;
        }
        length = i;
        wordState = state;
        wordLast = last;
        steps = stepped;
        token = typed;
        wordHash = hash;
        prefixGate = gate;
        wordStartState = startState;
        wordStart = start;
    }

    private void advance() {
        int i = length++;
        int cls = words.classOf(text.charAt(i));
        if (cls == Automaton.SURROGATE_CLASS) {
            char folded = Fold.at(text, i);
            cls = folded == Fold.IGNORED ? Automaton.IGNORED_CLASS : words.classOfFolded(folded);
        } else if (cls == Automaton.MASK_CLASS) {
            cls = maskClass(i);
        } else if (maskStart != NO_MASK && cls != Automaton.IGNORED_CLASS && cls != Automaton.SEPARATOR_CLASS) {
            maskStart = NO_MASK;
        }
        if (cls == Automaton.SEPARATOR_CLASS) {
            int wordEnd = i;
            if (maskStart != NO_MASK) {
                unmask();
                wordEnd = maskStart;
                maskStart = NO_MASK;
            }
            if (wordLast != Automaton.SEPARATOR_CLASS) {
                wordEnded(wordEnd);
                wordState = words.step(wordState, cls);
                wordLast = cls;
                steps++;
            }
            token = 0;
        } else if (cls != Automaton.IGNORED_CLASS) {
            if (token == 0) {
                startWord(i);
            }
            token++;
            wordHash = SlipIndex.step(wordHash, cls);
            if (token <= 2) {
                prefixGate = token == 1 ? slips.prefixStarts.afterFirst(cls)
                        : slips.prefixStarts.afterSecond(prefixGate, cls);
            }
            if (token >= prefixSlipFrom && prefixGate == PrefixStarts.OPEN) {
                markPrefixSlip();
            }
            if (cls != wordLast) {
                wordState = words.step(wordState, cls);
                wordLast = cls;
                steps++;
            }
            if (cls != letterLast && letterLast != LETTERS_OFF) {
                letterState = letters.step(letterState, cls);
                letterLast = cls;
            }
            if ((words.flags(wordState) & Automaton.WORD_PREFIX) != 0) {
                candidates(words, wordState, Automaton.WORD_PREFIX, length);
            }
            if (token == 1 && letterLast != LETTERS_OFF
                    && (letters.flags(letterState) & Automaton.LETTER_PREFIX) != 0) {
                candidates(letters, letterState, Automaton.LETTER_PREFIX, length);
            }
        }
        if (pendingCount > 0) {
            releaseDue();
        }
    }

    /** The first char of a word, at {@code i}: where it starts and the word-track state before it, for slips. */
    private void startWord(int i) {
        wordStart = Character.isLowSurrogate(text.charAt(i)) && i > 0 ? i - 1 : i;
        wordStartState = wordState;
        wordHash = 0;
        prefixSlips = 0;
    }

    /** Notes the word so far as a possible prefix slip when the slip index's filter says maybe. */
    private void markPrefixSlip() {
        if (token <= slips.longestPrefix && slips.mayHold(SlipIndex.prefixKey(wordHash))) {
            prefixSlips |= 1 << token;
        }
    }

    /** A masking symbol: a letter inside a word (remembering the state before it), a separator at a word's start. */
    private int maskClass(int i) {
        if (wordLast == Automaton.SEPARATOR_CLASS) {
            return Automaton.SEPARATOR_CLASS;
        }
        if (maskStart == NO_MASK) {
            maskStart = i;
            maskWordState = wordState;
            maskLetterState = letterState;
            maskWordLast = wordLast;
            maskLetterLast = letterLast;
            maskSteps = steps;
            maskToken = token;
            maskHash = wordHash;
            maskPrefixSlips = prefixSlips;
            maskPrefixGate = prefixGate;
        }
        return words.classOfFolded(Fold.maskLetter(text.charAt(i)));
    }

    /**
     * The word ended on masking symbols ("kill!"): they were punctuation after all. Goes back to the state before
     * them; the caller ends the word there.
     */
    private void unmask() {
        wordState = maskWordState;
        letterState = maskLetterState;
        wordLast = maskWordLast;
        letterLast = maskLetterLast;
        steps = maskSteps;
        token = maskToken;
        wordHash = maskHash;
        prefixSlips = maskPrefixSlips;
        prefixGate = maskPrefixGate;
    }

    /** For typing: takes back the last char (both halves of a surrogate pair). */
    void backspace() {
        if (length == 0) {
            return;
        }
        length--;
        if (Character.isLowSurrogate(line.charAt(length)) && length > 0
                && Character.isHighSurrogate(line.charAt(length - 1))) {
            length--;
        }
        line.setLength(length);
        int at = length * STATE_FIELDS;
        wordState = history[at];
        letterState = history[at + 1];
        wordLast = history[at + 2];
        letterLast = history[at + 3];
        steps = history[at + 4];
        token = history[at + 5];
        maskStart = history[at + 6];
        wordsEnded = history[at + 7];
        singleLetterWords = history[at + 8];
        lastSpacedWord = history[at + 9];
        wordHash = (history[at + 10] & 0xFFFFFFFFL) | ((long) history[at + 11] << 32);
        wordStart = history[at + 12];
        wordStartState = history[at + 13];
        prefixSlips = history[at + 14];
        prefixGate = history[at + 15];
        if (slipsRead != null && slipsRead.last().end() > length) {
            slipsRead = slipsRead.upTo(length);
        }
        for (int s = sideCount - 1; s >= 0; s--) {
            if (sideEnd[s] > length) {
                removeSide(s);
            }
        }
        if (maskStart != NO_MASK) {
            int before = maskStart * STATE_FIELDS;
            maskWordState = history[before];
            maskLetterState = history[before + 1];
            maskWordLast = history[before + 2];
            maskLetterLast = history[before + 3];
            maskSteps = history[before + 4];
            maskToken = history[before + 5];
            maskHash = (history[before + 10] & 0xFFFFFFFFL) | ((long) history[before + 11] << 32);
            maskPrefixSlips = history[before + 14];
            maskPrefixGate = history[before + 15];
        }
        for (int p = pendingCount - 1; p >= 0; p--) {
            if (pendingEnd[p] > length) {
                removePending(p);
            } else if (pendingWordEnd[p] > length) {
                pendingWordEnd[p] = WORD_OPEN;
            }
        }
        for (int r = reportedCount - 1; r >= 0; r--) {
            if (reportedStart[r] >= length) {
                reportedPattern[r] = reportedPattern[reportedCount - 1];
                reportedStart[r] = reportedStart[--reportedCount];
            }
        }
    }

    /** The text ends here (end of line, end of a scan): completes the last word and releases waiting hits. */
    void finish() {
        int end = length;
        if (maskStart != NO_MASK) {
            unmask();
            end = maskStart;
            maskStart = NO_MASK;
        }
        if (wordLast != Automaton.SEPARATOR_CLASS) {
            wordEnded(end);
        }
        while (pendingCount > 0) {
            release(0);
        }
    }

    /** For typing: forgets the line. */
    void clear() {
        if (line != null) {
            line.setLength(0);
        }
        length = 0;
        dropped = 0;
        pendingCount = 0;
        reportedCount = 0;
        found.clear();
        wordState = words.step(Automaton.ROOT, Automaton.SEPARATOR_CLASS);
        letterState = Automaton.ROOT;
        wordLast = Automaton.SEPARATOR_CLASS;
        letterLast = letters.hasFlexiblePhrases() ? Automaton.SEPARATOR_CLASS : LETTERS_OFF;
        steps = 0;
        token = 0;
        maskStart = NO_MASK;
        wordsEnded = 0;
        singleLetterWords = 0;
        lastSpacedWord = -SPACED_REACH - 1;
        sideCount = 0;
        wordHash = 0;
        wordStart = 0;
        wordStartState = wordState;
        prefixSlips = 0;
        prefixGate = PrefixStarts.CLOSED;
        slipsRead = null;
        if (history != null) {
            history[0] = wordState;
            history[1] = letterState;
            history[2] = wordLast;
            history[3] = letterLast;
            history[4] = steps;
            history[5] = token;
            history[6] = NO_MASK;
            history[7] = 0;
            history[8] = 0;
            history[9] = -SPACED_REACH - 1;
            history[10] = 0;
            history[11] = 0;
            history[12] = 0;
            history[13] = wordState;
            history[14] = 0;
            history[15] = PrefixStarts.CLOSED;
        }
    }

    /**
     * A word just ended at {@code end}: whole-word terms on the word track, and on the letters track flexible
     * phrases, plus spaced-out letters when the word was one letter long.
     */
    private void wordEnded(int end) {
        for (int q = 0; q < pendingCount; q++) {
            if (pendingWordEnd[q] == WORD_OPEN) {
                pendingWordEnd[q] = end;
            }
        }
        if ((words.flags(wordState) & Automaton.WORD_END) != 0) {
            candidates(words, wordState, Automaton.WORD_END, end);
        }
        if ((token >= slips.shortest && token <= slips.longest) || prefixSlips != 0) {
            readSlips(end);
        }
        singleLetterWords = token == 1 ? singleLetterWords + 1 : 0;
        if (singleLetterWords >= 2) {
            lastSpacedWord = wordsEnded;
            if (letterLast == LETTERS_OFF) {
                catchUpLetters(end);
            }
        }
        // spaced-out letters are looked for only just after some were typed: most word ends cost nothing here
        boolean spacedNearby = token == 1 || wordsEnded - lastSpacedWord <= SPACED_REACH;
        if (letterLast != LETTERS_OFF) {
            int kinds = Automaton.LETTER_FLEXIBLE | (spacedNearby ? Automaton.LETTER_END : 0);
            if ((letters.flags(letterState) & kinds) != 0) {
                candidates(letters, letterState, kinds, end);
            }
            if (!spacedNearby && !letters.hasFlexiblePhrases()) {
                letterLast = LETTERS_OFF;
            }
        }
        wordsEnded++;
    }

    /**
     * Two single letters in a row were typed as words: starts following the letters track again, from the state it
     * would have reached. The automaton's state depends only on the last {@link Automaton#longestLetters()} classes
     * stepped, so those are read back from the text (separators and ignored chars skipped, masks read as letters
     * inside words, runs collapsed) and stepped from the root. Runs once per such pair, and costs at most that many
     * steps.
     */
    private void catchUpLetters(int end) {
        int from = end;
        int symbols = 0;
        int after = Automaton.SEPARATOR_CLASS;
        while (from > 0 && symbols <= letters.longestLetters()) {
            from--;
            char folded = Fold.inWord(text, from, end);
            if (folded == Fold.IGNORED || folded == Fold.SEPARATOR) {
                continue;
            }
            int cls = words.classOfFolded(folded);
            if (cls != after) {
                symbols++;
                after = cls;
            }
        }
        int state = Automaton.ROOT;
        int last = Automaton.SEPARATOR_CLASS;
        for (int i = from; i < end; i++) {
            char folded = Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED || folded == Fold.SEPARATOR) {
                continue;
            }
            int cls = words.classOfFolded(folded);
            if (cls != last) {
                state = letters.step(state, cls);
                last = cls;
            }
        }
        letterState = state;
        letterLast = last;
    }

    /**
     * The word that just ended at {@code end} may be a slip of a listed word (its length fits, and for a whole word
     * the index's filter says maybe): confirms it against the index and the slip rules, then reads the listed word in
     * its place.
     */
    private void readSlips(int end) {
        boolean whole = token >= slips.shortest && token <= slips.longest
                && slips.mayHold(SlipIndex.wordKey(wordHash));
        if (!whole && prefixSlips == 0) {
            return;
        }
        int typed = readTypedWord(end);
        if (typed < 0) {
            return;
        }
        if (whole) {
            long key = SlipIndex.wordKey(wordHash);
            for (int slot = slips.find(key, -1); slot >= 0; slot = slips.find(key, slot + 1)) {
                // allocates only here, where the index holds the word's hash: almost only for real slips
                Optional<Misspelling> confirmed = Typos.between(new String(typedWord, 0, typed), slips.word(slot));
                if (confirmed.isPresent()) {
                    readAsListed(confirmed.get(), end, end, false);
                    break;
                }
            }
        }
        for (int chars = Math.min(typed, 31); chars >= slips.shortestPrefix && prefixSlips != 0; chars--) {
            if ((prefixSlips & (1 << chars)) == 0) {
                continue;
            }
            long hash = 0;
            for (int k = 0; k < chars; k++) {
                hash = SlipIndex.step(hash, words.classOfFolded(typedWord[k]));
            }
            long key = SlipIndex.prefixKey(hash);
            for (int slot = slips.find(key, -1); slot >= 0; slot = slips.find(key, slot + 1)) {
                Optional<Misspelling> confirmed = Typos.between(new String(typedWord, 0, chars), slips.word(slot));
                if (confirmed.isPresent()) {
                    readAsListed(confirmed.get(), originalEndOf(chars, end), end, true);
                    return;
                }
            }
        }
    }

    /** Reads the current word back, folded as the automaton saw it, into {@link #typedWord}; its length, or -1. */
    private int readTypedWord(int end) {
        int n = 0;
        for (int i = wordStart; i < end; i++) {
            char folded = Fold.inWord(text, i, end);
            if (folded == Fold.IGNORED) {
                continue;
            }
            if (n == typedWord.length) {
                return -1;
            }
            typedWord[n++] = folded;
        }
        return n;
    }

    /** Where in the text the current word's first {@code chars} folded chars end. */
    private int originalEndOf(int chars, int end) {
        int n = 0;
        for (int i = wordStart; i < end; i++) {
            if (Fold.inWord(text, i, end) != Fold.IGNORED && ++n == chars) {
                return i + 1;
            }
        }
        return end;
    }

    /**
     * A confirmed slip: steps the automaton from the state before the word through the listed word, reports what
     * ends there (entries that take misspellings only), and for a whole word carries on from that state, so a phrase
     * goes on as if the listed word had been typed.
     */
    private void readAsListed(Misspelling misspelling, int typedEnd, int end, boolean prefix) {
        String word = misspelling.word();
        int state = wordStartState;
        int last = Automaton.SEPARATOR_CLASS;
        for (int k = 0; k < word.length(); k++) {
            int cls = words.classOfFolded(word.charAt(k));
            if (cls != last) {
                state = words.step(state, cls);
                last = cls;
            }
        }
        slipsRead = SlipsRead.after(slipsRead, misspelling, wordStart, typedEnd);
        int kinds = prefix ? Automaton.WORD_PREFIX : Automaton.WORD_END;
        if ((words.flags(state) & kinds) != 0) {
            for (int s = state; s >= 0; s = words.dictionaryLink(s)) {
                for (int o = words.outputsFrom(s); o < words.outputsTo(s); o++) {
                    int p = words.output(o);
                    if ((patterns[p].flag() & kinds) != 0 && readsSlips(patterns[p])) {
                        slipCandidate(p, typedEnd, end);
                    }
                }
            }
        }
        if (!prefix) {
            wordState = state;
            wordLast = last;
        }
    }

    private static boolean readsSlips(CompiledTerm pattern) {
        return pattern.rule().toleratesTypos() && pattern.side() == CompiledTerm.NOT_A_SIDE
                && pattern.track() == CompiledTerm.WORD_TRACK;
    }

    /**
     * Where a match of the pattern ending at {@code end} starts when the listed words of the slips in reach are read
     * in place of the typed ones; -1 when it does not match so, or runs over no slip.
     */
    private int startWithSlip(CompiledTerm pattern, int end) {
        if (slipsRead == null || end < slipsRead.last().end() || end - slipsRead.last().start() > Feed.MAX_LINE
                || !readsSlips(pattern)) {
            return -1;
        }
        int floor = Math.max(0, slipsRead.last().start() - Feed.MAX_LINE);
        CharSequence read = slipsRead.textWith(text, floor, end);
        int start = Span.startOf(read, 0, slipsRead.toRead(end, floor), pattern.form(), false, false);
        if (start < 0) {
            return -1;
        }
        int typedStart = slipsRead.toText(start, floor);
        return typedStart > slipsRead.last().start() ? -1 : typedStart;
    }

    /** A pattern that ends where the listed word was read in: checked with the word in place, then as any candidate. */
    private void slipCandidate(int p, int typedEnd, int end) {
        int start = startWithSlip(patterns[p], typedEnd);
        if (start < 0 || !Span.wordStartsAt(text, 0, start) || alreadyReported(p, start)) {
            return;
        }
        accept(p, start, typedEnd, end, slipsRead.within(start, typedEnd));
    }

    private void candidates(Automaton automaton, int state, int kinds, int end) {
        for (int s = state; s >= 0; s = automaton.dictionaryLink(s)) {
            for (int o = automaton.outputsFrom(s); o < automaton.outputsTo(s); o++) {
                if ((automaton.outputKind(o) & kinds) != 0) {
                    candidate(automaton.output(o), end);
                }
            }
        }
    }

    private void candidate(int p, int end) {
        CompiledTerm pattern = patterns[p];
        boolean onLetters = pattern.track() == CompiledTerm.LETTER_TRACK;
        boolean spaced = onLetters && !pattern.flexible();
        int start = Span.startOf(text, 0, end, pattern.form(), onLetters, doubledEnd[p]);
        SlipsRead read = null;
        if (slipsRead != null && !onLetters && end >= slipsRead.last().end()
                && (start < 0 || start <= slipsRead.last().start())) {
            // a span over the last slip was reached through the listed words read in place: it holds only so
            start = startWithSlip(pattern, end);
            read = start < 0 ? null : slipsRead.within(start, end);
        }
        if (start < 0 || !Span.wordStartsAt(text, 0, start)
                || (spaced && !Span.spacedOut(text, start, end)
                    && !Span.spacedWithinWords(text, start, end, pattern.termSpaces()))
                || (pattern.needsLetter() && !Span.notJustDigits(text, start, end))
                || alreadyReported(p, start)) {
            return;
        }
        accept(p, start, end, pattern.reportsAtWordEnd() ? end : WORD_OPEN, read);
    }

    /**
     * A candidate that fits: reported now, or held while its word is still being typed ({@code wordEnd}
     * {@link #WORD_OPEN}) or an exception could still follow. {@code read} is the slips it was read through, if any.
     */
    private void accept(int p, int start, int end, int wordEnd, SlipsRead read) {
        if (wordEnd == WORD_OPEN || patterns[p].forwardReach() > 0) {
            if (pendingCount == PENDING_MAX) {
                release(0);
            }
            pendingPattern[pendingCount] = p;
            pendingStart[pendingCount] = start;
            pendingEnd[pendingCount] = end;
            pendingDue[pendingCount] = steps + patterns[p].forwardReach();
            pendingWordEnd[pendingCount] = wordEnd;
            pendingSlips[pendingCount] = read;
            pendingCount++;
            return;
        }
        report(p, start, end, wordEnd, read);
    }

    /** Whether the pattern's rule already has a hit at {@code start}: two forms of one rule ("overdose", read twice) are one hit. */
    private boolean alreadyReported(int p, int start) {
        Rule rule = patterns[p].rule();
        for (int r = 0; r < reportedCount; r++) {
            if (reportedStart[r] == start && patterns[reportedPattern[r]].rule() == rule) {
                return true;
            }
        }
        for (int q = 0; q < pendingCount; q++) {
            if (pendingStart[q] == start && patterns[pendingPattern[q]].rule() == rule) {
                return true;
            }
        }
        return false;
    }

    private void releaseDue() {
        for (int q = pendingCount - 1; q >= 0; q--) {
            if (pendingWordEnd[q] != WORD_OPEN && steps >= pendingDue[q]) {
                release(q);
            }
        }
    }

    private void release(int q) {
        int p = pendingPattern[q];
        int start = pendingStart[q];
        int end = pendingEnd[q];
        int wordEnd = pendingWordEnd[q] == WORD_OPEN ? length : pendingWordEnd[q];
        SlipsRead read = pendingSlips[q];
        removePending(q);
        report(p, start, end, wordEnd, read);
    }

    private void removePending(int q) {
        pendingCount--;
        pendingPattern[q] = pendingPattern[pendingCount];
        pendingStart[q] = pendingStart[pendingCount];
        pendingEnd[q] = pendingEnd[pendingCount];
        pendingDue[q] = pendingDue[pendingCount];
        pendingWordEnd[q] = pendingWordEnd[pendingCount];
        pendingSlips[q] = pendingSlips[pendingCount];
        pendingSlips[pendingCount] = null;
    }

    /**
     * Reports a hit on the term's span {@code start..end} whose text runs to {@code textEnd}, unless an exception
     * covers it. {@code read} is the slips it was read through (each listed word in place of the typed one), or null.
     */
    private void report(int p, int start, int end, int textEnd, SlipsRead read) {
        CompiledTerm pattern = patterns[p];
        if (reportedCount == REPORTED_MAX) {
            System.arraycopy(reportedPattern, 1, reportedPattern, 0, REPORTED_MAX - 1);
            System.arraycopy(reportedStart, 1, reportedStart, 0, REPORTED_MAX - 1);
            reportedCount--;
        }
        reportedPattern[reportedCount] = p;
        reportedStart[reportedCount++] = start;
        if (pattern.side() != CompiledTerm.NOT_A_SIDE) {
            side(p, start, end);
            return;
        }
        if (read == null ? Exceptions.cover(pattern, text, start, end, window)
                : coveredWithSlips(pattern, start, end, read)) {
            return;
        }
        found.add(raisedIfImminent(hit(pattern, start, textEnd, read)));
    }

    /** Whether an exception covers a hit read through slips, on the text with the listed words in place. */
    private boolean coveredWithSlips(CompiledTerm pattern, int start, int end, SlipsRead read) {
        if (pattern.exceptions().isEmpty()) {
            return false;
        }
        int floor = Math.max(0, read.first().start() - Feed.MAX_LINE);
        int to = Math.min(text.length(), end + 2 * Feed.MAX_LINE);
        CharSequence withWords = read.textWith(text, floor, to);
        return Exceptions.cover(pattern, withWords, read.toRead(start, floor), read.toRead(end, floor), window);
    }

    private Hit hit(CompiledTerm pattern, int start, int end, SlipsRead read) {
        while (end > start && Fold.at(text, end - 1) == Fold.IGNORED) {
            end--;
        }
        boolean onLetters = pattern.track() == CompiledTerm.LETTER_TRACK;
        int bits = Span.normalisationsUsed(text, start, end);
        if (read != null) {
            bits |= 1 << Normalisation.MISSPELLED.ordinal();
        } else if (pattern.side() == CompiledTerm.NOT_A_SIDE && Span.stretched(text, start, end, pattern.form(), onLetters)) {
            bits |= 1 << Normalisation.STRETCHED.ordinal();
        }
        if (pattern.derivation().isPresent()) {
            bits |= 1 << pattern.derivation().get().ordinal();
        }
        if (onLetters && !pattern.flexible()) {
            bits |= 1 << Normalisation.SPACED.ordinal();
        } else if (onLetters && Span.gaps(text, start, end) != pattern.rule().term().split("~").length - 1) {
            bits |= 1 << Normalisation.JOINED.ordinal();
        }
        return new Hit(pattern.rule(), start, end, text.subSequence(start, end).toString(), normalisations(bits),
                pattern.rule().severity(), List.of(), read == null ? List.of() : read.misspellings());
    }

    /** The normalisations of a bit set over their ordinals; the common case, none, allocates nothing. */
    private static Set<Normalisation> normalisations(int bits) {
        if (bits == 0) {
            return Set.of();
        }
        Set<Normalisation> how = EnumSet.noneOf(Normalisation.class);
        for (Normalisation n : NORMALISATIONS) {
            if ((bits & (1 << n.ordinal())) != 0) {
                how.add(n);
            }
        }
        return how;
    }

    /**
     * A proximity rule's word or phrase ended at {@code end}: a hit when one from the rule's other side is within
     * its distance in words (either order), unless one of the rule's exceptions is in the stretch between them.
     */
    private void side(int p, int start, int end) {
        CompiledTerm pattern = patterns[p];
        int lastWord = wordsEnded;
        int firstWord = lastWord - pattern.words() + 1;
        int within = pattern.within();
        for (int s = 0; s < sideCount; s++) {
            CompiledTerm other = patterns[sidePattern[s]];
            if (other.rule() != pattern.rule() || other.side() == pattern.side()) {
                continue;
            }
            int gap = firstWord - sideLastWord[s] - 1;
            if (gap >= 0 && gap <= within) {
                proximityHit(pattern, Math.min(start, sideStart[s]), Math.max(end, sideEnd[s]));
                break;
            }
        }
        if (sideCount == SIDES_MAX) {
            removeSide(0);
        }
        sidePattern[sideCount] = p;
        sideStart[sideCount] = start;
        sideEnd[sideCount] = end;
        sideFirstWord[sideCount] = firstWord;
        sideLastWord[sideCount++] = lastWord;
    }

    private void proximityHit(CompiledTerm pattern, int start, int end) {
        if (Exceptions.anywhere(pattern.exceptions(), text, start, end, window)) {
            return;
        }
        for (Hit hit : found) {
            if (hit.rule() == pattern.rule() && hit.start() == start) {
                return;
            }
        }
        found.add(raisedIfImminent(hit(pattern, start, end, null)));
    }

    /**
     * One severity higher (at most 5) when an imminence word is in the line before the hit's end (ADR 0163). Only
     * concerns (3 and 4) are raised: a swear word or a bare topic word (1, 2) is not more urgent "tonight".
     */
    private Hit raisedIfImminent(Hit hit) {
        if (hit.severity() < 3 || hit.severity() >= 5) {
            return hit;
        }
        int word = imminence.indexIn(text, Math.max(0, hit.start() - Imminence.REACH), hit.end());
        return word < 0 ? hit : hit.raisedTo(hit.severity() + 1, "imminence: \"" + Imminence.word(word) + "\"");
    }

    private void removeSide(int s) {
        System.arraycopy(sidePattern, s + 1, sidePattern, s, sideCount - s - 1);
        System.arraycopy(sideStart, s + 1, sideStart, s, sideCount - s - 1);
        System.arraycopy(sideEnd, s + 1, sideEnd, s, sideCount - s - 1);
        System.arraycopy(sideFirstWord, s + 1, sideFirstWord, s, sideCount - s - 1);
        System.arraycopy(sideLastWord, s + 1, sideLastWord, s, sideCount - s - 1);
        sideCount--;
    }

    private void dropFront(int n) {
        for (int q = pendingCount - 1; q >= 0; q--) {
            if (pendingStart[q] < n) {
                release(q);
            }
        }
        line.delete(0, n);
        length -= n;
        dropped += n;
        System.arraycopy(history, n * STATE_FIELDS, history, 0, (length + 1) * STATE_FIELDS);
        for (int k = 0; k <= length; k++) {
            int mask = history[k * STATE_FIELDS + 6];
            history[k * STATE_FIELDS + 6] = mask >= n ? mask - n : NO_MASK;
            history[k * STATE_FIELDS + 12] = Math.max(0, history[k * STATE_FIELDS + 12] - n);
        }
        wordStart = Math.max(0, wordStart - n);
        slipsRead = slipsRead == null ? null : slipsRead.shiftedBack(n);
        maskStart = maskStart >= n ? maskStart - n : NO_MASK;
        for (int s = sideCount - 1; s >= 0; s--) {
            if (sideStart[s] < n) {
                removeSide(s);
            } else {
                sideStart[s] -= n;
                sideEnd[s] -= n;
            }
        }
        for (int q = 0; q < pendingCount; q++) {
            pendingStart[q] -= n;
            pendingEnd[q] -= n;
            pendingSlips[q] = pendingSlips[q] == null ? null : pendingSlips[q].shiftedBack(n);
            if (pendingWordEnd[q] != WORD_OPEN) {
                pendingWordEnd[q] -= n;
            }
        }
        int kept = 0;
        for (int r = 0; r < reportedCount; r++) {
            if (reportedStart[r] >= n) {
                reportedPattern[kept] = reportedPattern[r];
                reportedStart[kept++] = reportedStart[r] - n;
            }
        }
        reportedCount = kept;
        found.replaceAll(hit -> hit.shiftedBack(n));
    }
}
