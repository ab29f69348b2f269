package org.vigil.agent.capture;

/**
 * What the keyboard hook tells the typing buffer: a char was typed, the last char was erased,
 * or the line is over (the caret or focus moved, so the text we rebuilt no longer matches the screen).
 * Carries single chars only; never a history.
 */
public sealed interface TypingSignal {

    /** A printable char, typed without Ctrl/Alt/Meta. */
    record Char(char c) implements TypingSignal {
    }

    /** Backspace erased the char before the caret. */
    record Backspace() implements TypingSignal {
    }

    /** The line we were rebuilding is over. */
    record LineEnd(Reason reason) implements TypingSignal {
    }

    enum Reason {
        ENTER,
        TAB,
        ESCAPE,
        /** Arrows, Home/End, PageUp/PageDown: the caret moved somewhere we cannot follow. */
        CARET_MOVED,
        /** A shortcut (Ctrl/Alt/Meta with a key): paste, undo, select-all, window switch... the text is unknown now. */
        SHORTCUT,
        /** A mouse press: focus or caret may have moved. */
        FOCUS
    }
}
