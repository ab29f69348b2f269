package org.vigil.agent.window;

/**
 * For Windows and macOS: not implemented yet, so captures there carry no window title or app.
 * (Windows would use GetForegroundWindow/GetWindowText via JNA; macOS NSWorkspace.frontmostApplication,
 * which needs the Screen Recording permission for titles.) Excluded apps cannot be recognised either.
 */
public final class UnsupportedActiveWindow implements ActiveWindow {
    @Override
    public WindowInfo current() {
        return WindowInfo.UNKNOWN;
    }
}
