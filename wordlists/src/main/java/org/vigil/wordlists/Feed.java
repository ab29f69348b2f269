package org.vigil.wordlists;

import java.util.List;

/**
 * Matches one line of typing as it is typed. Holds only the current line, bounded to {@link #MAX_LINE} chars
 * (older text is dropped from the front), never a history. A hit is reported when the word it ends is complete: at
 * the next separator, or at {@link #finishLine()}; a prefix hit ({@code suicid*}) then covers the whole word the
 * pupil typed ("suicidal"), not only the term. A hit whose rule has an exception running past the term ("kill" except "kill time") waits
 * until enough more is typed to tell. Typing a char costs the same whatever the wordlist's size, and allocates
 * nothing unless it completes a hit. Not thread-safe: one feed per typing session.
 */
public final class Feed {
    public static final int MAX_LINE = 512;

    private final Tracker tracker;

    Feed(Tracker tracker) {
        this.tracker = tracker;
    }

    /** Adds one typed char; returns the hits it completed (offsets into {@link #text()} after the call). */
    public List<Hit> type(char c) {
        tracker.push(c);
        return tracker.takeFound();
    }

    /** Removes the last typed char, as Backspace does. */
    public void backspace() {
        tracker.backspace();
    }

    /**
     * The line is over (Enter, Tab, focus moved): reports what its last word completed and any hit still waiting.
     * The text stays readable for context until {@link #clear()}.
     */
    public List<Hit> finishLine() {
        tracker.finish();
        return tracker.takeFound();
    }

    /** Forgets the line. */
    public void clear() {
        tracker.clear();
    }

    /** The current line as typed so far. Hits' offsets index into it. */
    public CharSequence text() {
        return tracker.text();
    }

    /**
     * How many chars of this line were dropped from the front of {@link #text()} to keep it bounded: a hit's
     * {@code start + dropped()} is its place in the whole line, which stays put as the line goes on.
     */
    public long dropped() {
        return tracker.dropped();
    }
}
