package org.vigil.wordlists;

import java.util.List;

/**
 * Matches one line of typing as it is typed. Holds only the current line, bounded to
 * {@link #MAX_LINE} chars (older text is dropped from the front), never a history.
 * A hit is reported when the word it ends is complete: at the next non-word char, or at {@link #finishLine()}.
 * Not thread-safe: one feed per typing session.
 */
public final class Feed {
    public static final int MAX_LINE = 512;

    private final Matcher matcher;
    private final StringBuilder line = new StringBuilder(MAX_LINE);

    Feed(Matcher matcher) {
        this.matcher = matcher;
    }

    /** Adds one typed char; returns the hits it completed (offsets into {@link #text()} after the call). */
    public List<Hit> type(char c) {
        if (line.length() == MAX_LINE) {
            line.delete(0, MAX_LINE / 2);
        }
        line.append(c);
        if (Matcher.isWordChar(c)) {
            return List.of();
        }
        return hitsEndingAt(line.length() - 1);
    }

    /** Removes the last typed char, as Backspace does. */
    public void backspace() {
        if (!line.isEmpty()) {
            line.setLength(line.length() - 1);
        }
    }

    /**
     * The line is over (Enter, Tab, focus moved): reports what its last word completed.
     * The text stays readable for context until {@link #clear()}.
     */
    public List<Hit> finishLine() {
        return hitsEndingAt(line.length());
    }

    /** Forgets the line. */
    public void clear() {
        line.setLength(0);
    }

    /** The current line as typed so far. Hits' offsets index into it. */
    public CharSequence text() {
        return line;
    }

    private List<Hit> hitsEndingAt(int boundary) {
        if (boundary == 0) {
            return List.of();
        }
        int from = Math.max(0, boundary - matcher.lookBehind());
        return matcher.find(line, from, boundary, true);
    }
}
