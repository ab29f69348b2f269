package org.vigil.agent.secure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.Win32Desktop;

/**
 * Windows: the control with keyboard focus is a password box (a classic Edit control with {@code ES_PASSWORD}:
 * Win32 dialogs, the UAC credential prompt's fields, many installers), found with {@code GetGUIThreadInfo} and
 * {@code GetWindowLong(GWL_STYLE)}; or the input desktop is not the user's ("Winlogon" for the sign-in and
 * Ctrl+Alt+Del screens, or the secure desktop of UAC). Browser and UWP password fields draw their own controls and
 * are not Edit windows: those need UI Automation's IsPassword, not done yet (ADR 0116). Never run on real Windows.
 */
public final class WindowsPasswordFocus implements PasswordFocus {
    /** The Edit control style that hides what is typed. */
    static final int ES_PASSWORD = 0x0020;
    private static final Logger log = LoggerFactory.getLogger(WindowsPasswordFocus.class);

    private final Win32Desktop desktop;
    private volatile boolean warned;

    public WindowsPasswordFocus(Win32Desktop desktop) {
        this.desktop = desktop;
    }

    @Override
    public boolean passwordFocused() {
        try {
            if (!desktop.inputDesktopIsDefault()) {
                return true;
            }
            long focus = desktop.focusedControl();
            return focus != 0 && desktop.windowClass(focus).equalsIgnoreCase("Edit")
                    && (desktop.windowStyle(focus) & ES_PASSWORD) != 0;
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
