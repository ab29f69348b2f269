package org.vigil.agent.secure;

import java.util.function.Consumer;
import org.vigil.agent.secure.AccessibleFocus.FocusChange;

/**
 * The last focus change the accessibility events reported, kept so that asking "is a password field focused?" for
 * each typed character costs a field read and one {@code GetForegroundWindow}, never a cross-process call: the
 * object that took focus is asked once, when focus moves to it (ADR 0118). A protected object counts only while its
 * top-level window is still in front, so a program that fires no focus events of its own cannot inherit a
 * browser's password verdict after an Alt+Tab.
 */
public final class WindowsFocusTracker implements Consumer<FocusChange> {
    private volatile FocusChange last;

    @Override
    public void accept(FocusChange change) {
        last = change;
    }

    /** Whether the focused object is a password field in the window in front now. */
    public boolean passwordIn(long foregroundWindow) {
        FocusChange now = last;
        return now != null && now.isProtected() && now.topLevelWindow() == foregroundWindow;
    }
}
