package org.vigil.agent.secure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.Win32Desktop;

/**
 * Windows: the control with keyboard focus is a password box (a classic Edit control with {@code ES_PASSWORD}:
 * Win32 dialogs, the UAC credential prompt's fields, many installers), found with {@code GetGUIThreadInfo} and
 * {@code GetWindowLong(GWL_STYLE)}; or the input desktop is not the user's ("Winlogon" for the sign-in and
 * Ctrl+Alt+Del screens, or the secure desktop of UAC); or the accessibility events said the focused object is
 * protected (a password input in Chrome, Edge or Firefox, a UWP PasswordBox), in the window in front
 * ({@link WindowsFocusTracker}, ADR 0118). Never run on real Windows.
 */
public final class WindowsPasswordFocus implements PasswordFocus {
    /** The Edit control style that hides what is typed. */
    static final int ES_PASSWORD = 0x0020;
    private static final Logger log = LoggerFactory.getLogger(WindowsPasswordFocus.class);

    private final Win32Desktop desktop;
    private final WindowsFocusTracker accessibleFocus;
    private volatile boolean warned;

    /** Edit controls and the secure desktop only (no accessibility events). */
    public WindowsPasswordFocus(Win32Desktop desktop) {
        this(desktop, new WindowsFocusTracker());
    }

    /** @param accessibleFocus fed by {@link AccessibleFocus#watch}: password inputs in browsers and UWP apps */
    public WindowsPasswordFocus(Win32Desktop desktop, WindowsFocusTracker accessibleFocus) {
        this.desktop = desktop;
        this.accessibleFocus = accessibleFocus;
    }

    @Override
    public boolean passwordFocused() {
        try {
            if (!desktop.inputDesktopIsDefault()) {
                return true;
            }
            long focus = desktop.focusedControl();
            if (focus != 0 && desktop.windowClass(focus).equalsIgnoreCase("Edit")
                    && (desktop.windowStyle(focus) & ES_PASSWORD) != 0) {
                return true;
            }
            return accessibleFocus.passwordIn(desktop.foregroundWindow());
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot tell whether a password box has focus ({}): relying on the excluded apps",
                        e.toString());
            }
            return false;
        }
    }
}
