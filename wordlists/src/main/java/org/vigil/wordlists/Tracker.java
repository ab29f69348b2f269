package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Steps the automaton one typed char at a time on two tracks: the word track (text with separators squeezed) and
 * the letters track (separators dropped, for spaced-out letters and flexible phrases). Both collapse repeated
 * letters. The state after every char is kept, so Backspace is one step back; the text is kept in a bounded window
 * (the oldest half is dropped when it fills). The per-char path reads a few arrays and allocates nothing;
 * candidates the automaton reports are checked by {@link Span}, and only real hits allocate.
 * Not thread-safe.
 */
final class Tracker {
    private static final int PENDING_MAX = 8;
    private static final int REPORTED_MAX = 16;

    private final Automaton automaton;
    private final CompiledTerm[] patterns;
    private final int capacity;
    private final boolean absoluteOffsets;
    private final StringBuilder text;
    private final int[] wordState;
    private final int[] letterState;
    private final int[] wordLast;
    private final int[] letterLast;
    private final int[] wordSteps;
    private final int[] pendingPattern = new int[PENDING_MAX];
    private final int[] pendingStart = new int[PENDING_MAX];
    private final int[] pendingEnd = new int[PENDING_MAX];
    private final int[] pendingTrack = new int[PENDING_MAX];
    private final int[] pendingSteps = new int[PENDING_MAX];
    private final int[] reportedPattern = new int[REPORTED_MAX];
    private final int[] reportedStart = new int[REPORTED_MAX];
    private final List<Hit> found = new ArrayList<>();
    private int length;
    private int base;
    private int pendingCount;
    private int reportedCount;

    /**
     * @param capacity        the longest text kept (older text is dropped half at a time)
     * @param absoluteOffsets hits' offsets count from the first char ever pushed (for scans) rather than from the
     *                        window's start (for a feed, whose {@link #text()} the offsets index)
     */
    Tracker(Automaton automaton, CompiledTerm[] patterns, int capacity, boolean absoluteOffsets) {
        this.automaton = automaton;
        this.patterns = patterns;
        this.capacity = capacity;
        this.absoluteOffsets = absoluteOffsets;
        this.text = new StringBuilder(capacity);
        this.wordState = new int[capacity + 1];
        this.letterState = new int[capacity + 1];
        this.wordLast = new int[capacity + 1];
        this.letterLast = new int[capacity + 1];
        this.wordSteps = new int[capacity + 1];
        clear();
    }

    CharSequence text() {
        return text;
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

    void push(char c) {
        if (length == capacity) {
            dropFront(capacity / 2);
        }
        int i = length;
        text.append(c);
        length++;
        int ws = wordState[i];
        int ls = letterState[i];
        int wl = wordLast[i];
        int ll = letterLast[i];
        int steps = wordSteps[i];
        int cls = automaton.classOf(c);
        if (cls == Automaton.SURROGATE_CLASS) {
            char folded = Fold.at(text, i);
            cls = folded == Fold.IGNORED ? Automaton.IGNORED_CLASS : automaton.classOfFolded(folded);
        }
        if (cls == Automaton.SEPARATOR_CLASS) {
            if (wl != Automaton.SEPARATOR_CLASS) {
                wordEnded(i, ws, ls, steps);
                ws = automaton.step(ws, cls);
                wl = cls;
                steps++;
            }
        } else if (cls != Automaton.IGNORED_CLASS) {
            if (cls != wl) {
                ws = automaton.step(ws, cls);
                wl = cls;
                steps++;
            }
            if (cls != ll) {
                ls = automaton.step(ls, cls);
                ll = cls;
            }
            if ((automaton.flags(ws) & Automaton.REPORTS_AT_PREFIX) != 0) {
                candidates(ws, CompiledTerm.WORD_TRACK, Automaton.REPORTS_AT_PREFIX, length, steps);
            }
            if ((automaton.flags(ls) & Automaton.REPORTS_AT_PREFIX) != 0) {
                candidates(ls, CompiledTerm.LETTER_TRACK, Automaton.REPORTS_AT_PREFIX, length, steps);
            }
        }
        wordState[length] = ws;
        letterState[length] = ls;
        wordLast[length] = wl;
        letterLast[length] = ll;
        wordSteps[length] = steps;
        if (pendingCount > 0) {
            releaseDue(steps);
        }
    }

    void backspace() {
        if (length == 0) {
            return;
        }
        length--;
        if (Character.isLowSurrogate(text.charAt(length)) && length > 0
                && Character.isHighSurrogate(text.charAt(length - 1))) {
            length--;
        }
        text.setLength(length);
        for (int p = pendingCount - 1; p >= 0; p--) {
            if (pendingEnd[p] > length) {
                removePending(p);
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
        if (wordLast[length] != Automaton.SEPARATOR_CLASS) {
            wordEnded(length, wordState[length], letterState[length], wordSteps[length]);
        }
        while (pendingCount > 0) {
            release(0);
        }
    }

    void clear() {
        text.setLength(0);
        length = 0;
        base = 0;
        pendingCount = 0;
        reportedCount = 0;
        found.clear();
        wordState[0] = 0;
        letterState[0] = 0;
        wordLast[0] = Automaton.SEPARATOR_CLASS;
        letterLast[0] = Automaton.SEPARATOR_CLASS;
        wordSteps[0] = 0;
    }

    private void wordEnded(int end, int ws, int ls, int steps) {
        if ((automaton.flags(ws) & Automaton.REPORTS_AT_WORD_END) != 0) {
            candidates(ws, CompiledTerm.WORD_TRACK, Automaton.REPORTS_AT_WORD_END, end, steps);
        }
        if ((automaton.flags(ls) & Automaton.REPORTS_AT_WORD_END) != 0) {
            candidates(ls, CompiledTerm.LETTER_TRACK, Automaton.REPORTS_AT_WORD_END, end, steps);
        }
    }

    private void candidates(int state, int track, int when, int end, int steps) {
        for (int s = state; s >= 0; s = automaton.dictionaryLink(s)) {
            for (int o = automaton.outputsFrom(s); o < automaton.outputsTo(s); o++) {
                int p = automaton.output(o);
                CompiledTerm pattern = patterns[p];
                boolean atWordEnd = pattern.reportsAtWordEnd();
                if (pattern.on(track) && atWordEnd == (when == Automaton.REPORTS_AT_WORD_END)) {
                    candidate(p, track, end, steps);
                }
            }
        }
    }

    private void candidate(int p, int track, int end, int steps) {
        CompiledTerm pattern = patterns[p];
        boolean letters = track == CompiledTerm.LETTER_TRACK;
        boolean spaced = letters && pattern.rule().mode() != MatchMode.FLEXIBLE_PHRASE;
        if (spaced && !Span.endsWithLoneLetter(text, 0, end)) {
            return;
        }
        int start = Span.startOf(text, 0, end, pattern.form(), letters);
        if (start < 0 || !Span.wordStartsAt(text, 0, start)
                || (spaced && !Span.spacedOut(text, start, end))
                || (pattern.needsLetter() && !Span.notJustDigits(text, start, end))
                || alreadyReported(p, start)) {
            return;
        }
        if (pattern.forwardReach() > 0) {
            if (pendingCount == PENDING_MAX) {
                release(0);
            }
            pendingPattern[pendingCount] = p;
            pendingStart[pendingCount] = start;
            pendingEnd[pendingCount] = end;
            pendingTrack[pendingCount] = track;
            pendingSteps[pendingCount] = steps;
            pendingCount++;
            return;
        }
        report(p, track, start, end);
    }

    private boolean alreadyReported(int p, int start) {
        for (int r = 0; r < reportedCount; r++) {
            if (reportedPattern[r] == p && reportedStart[r] == start) {
                return true;
            }
        }
        for (int q = 0; q < pendingCount; q++) {
            if (pendingPattern[q] == p && pendingStart[q] == start) {
                return true;
            }
        }
        return false;
    }

    private void releaseDue(int steps) {
        for (int q = pendingCount - 1; q >= 0; q--) {
            if (steps - pendingSteps[q] >= patterns[pendingPattern[q]].forwardReach()) {
                release(q);
            }
        }
    }

    private void release(int q) {
        int p = pendingPattern[q];
        int track = pendingTrack[q];
        int start = pendingStart[q];
        int end = pendingEnd[q];
        removePending(q);
        report(p, track, start, end);
    }

    private void removePending(int q) {
        pendingCount--;
        pendingPattern[q] = pendingPattern[pendingCount];
        pendingStart[q] = pendingStart[pendingCount];
        pendingEnd[q] = pendingEnd[pendingCount];
        pendingTrack[q] = pendingTrack[pendingCount];
        pendingSteps[q] = pendingSteps[pendingCount];
    }

    private void report(int p, int track, int start, int end) {
        CompiledTerm pattern = patterns[p];
        if (reportedCount == REPORTED_MAX) {
            System.arraycopy(reportedPattern, 1, reportedPattern, 0, REPORTED_MAX - 1);
            System.arraycopy(reportedStart, 1, reportedStart, 0, REPORTED_MAX - 1);
            reportedCount--;
        }
        reportedPattern[reportedCount] = p;
        reportedStart[reportedCount++] = start;
        if (Exceptions.cover(pattern, text, start, end)) {
            return;
        }
        found.add(hit(pattern, track, start, end));
    }

    private Hit hit(CompiledTerm pattern, int track, int start, int end) {
        while (end > start && Fold.at(text, end - 1) == Fold.IGNORED) {
            end--;
        }
        boolean letters = track == CompiledTerm.LETTER_TRACK;
        Set<Normalisation> how = EnumSet.noneOf(Normalisation.class);
        int bits = Span.normalisationsUsed(text, start, end);
        for (Normalisation n : Normalisation.values()) {
            if ((bits & (1 << n.ordinal())) != 0) {
                how.add(n);
            }
        }
        if (Span.stretched(text, start, end, pattern.form(), letters)) {
            how.add(Normalisation.STRETCHED);
        }
        if (letters && pattern.rule().mode() != MatchMode.FLEXIBLE_PHRASE) {
            how.add(Normalisation.SPACED);
        } else if (letters && Span.gaps(text, start, end) != pattern.rule().term().split("~").length - 1) {
            how.add(Normalisation.JOINED);
        }
        int offset = absoluteOffsets ? base : 0;
        return new Hit(pattern.rule(), offset + start, offset + end, text.substring(start, end), how);
    }

    private void dropFront(int n) {
        for (int q = pendingCount - 1; q >= 0; q--) {
            if (pendingStart[q] < n) {
                release(q);
            }
        }
        text.delete(0, n);
        length -= n;
        base += n;
        shift(wordState, n);
        shift(letterState, n);
        shift(wordLast, n);
        shift(letterLast, n);
        shift(wordSteps, n);
        for (int q = 0; q < pendingCount; q++) {
            pendingStart[q] -= n;
            pendingEnd[q] -= n;
        }
        int kept = 0;
        for (int r = 0; r < reportedCount; r++) {
            if (reportedStart[r] >= n) {
                reportedPattern[kept] = reportedPattern[r];
                reportedStart[kept++] = reportedStart[r] - n;
            }
        }
        reportedCount = kept;
        if (!absoluteOffsets) {
            found.replaceAll(hit -> new Hit(hit.rule(), Math.max(0, hit.start() - n), Math.max(0, hit.end() - n),
                    hit.matchedText(), hit.normalisations()));
        }
    }

    private void shift(int[] track, int n) {
        System.arraycopy(track, n, track, 0, length + 1);
    }
}
