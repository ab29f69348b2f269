package org.vigil.agent.window;

/**
 * The window probe on Windows and macOS until each gets its own (Windows: GetForegroundWindow/GetWindowText via
 * JNA; macOS: NSWorkspace.frontmostApplication, which needs the Screen Recording permission for titles). It
 * reports an unknown window rather than guessing, so captures there carry no window title or app and excluded
 * apps cannot be recognised.
 */
public final class UnsupportedActiveWindow implements ActiveWindow {
    @Override
    public WindowInfo current() {
        return WindowInfo.UNKNOWN;
    }
}
