package org.vigil.agent.secure;

import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Windows' accessibility view of keyboard focus, as plain values, so {@link WindowsFocusTracker} is tested anywhere
 * over fixtures and only {@link JnaAccessibleFocus} needs Windows (ADR 0118). Browsers draw their own controls, so
 * a password input in a page is no window of its own; but Chrome, Edge and Firefox expose each focused element to
 * accessibility clients (MSAA, which UI Automation bridges to), marking password inputs
 * {@code STATE_SYSTEM_PROTECTED}.
 */
public interface AccessibleFocus {
    /** {@code STATE_SYSTEM_PROTECTED}: the object shows no text it holds (a password field). */
    long STATE_SYSTEM_PROTECTED = 0x20000000L;

    /**
     * Sends every keyboard-focus change on the desktop ({@code EVENT_OBJECT_FOCUS}, out of context) to
     * {@code changes}, on a thread of the implementation's, until the handle is closed.
     */
    AutoCloseable watch(Consumer<FocusChange> changes);

    /**
     * One focus change.
     *
     * @param topLevelWindow the top-level window of the object that took focus ({@code GetAncestor(hwnd, GA_ROOT)})
     * @param state          the object's {@code get_accState}; empty when it could not be asked
     *                       ({@code AccessibleObjectFromEvent} failed: an elevated or hung program)
     */
    record FocusChange(long topLevelWindow, OptionalLong state) {
        public boolean isProtected() {
            return state.isPresent() && (state.getAsLong() & STATE_SYSTEM_PROTECTED) != 0;
        }
    }
}
