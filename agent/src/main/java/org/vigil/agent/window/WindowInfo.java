package org.vigil.agent.window;

import org.vigil.proto.WireNames;
import org.vigil.proto.WireText;

/**
 * The window that had focus when something was typed. Empty strings when it cannot be known; cut to the contract's
 * limits (a page title can be any length), which the console would otherwise refuse.
 *
 * @param title the window's title
 * @param app   the application, e.g. the X11 WM_CLASS class ("firefox", "XTerm")
 */
public record WindowInfo(String title, String app) {
    public static final WindowInfo UNKNOWN = new WindowInfo("", "");

    public WindowInfo {
        title = WireText.cut(title, WireNames.MAX_WINDOW_TITLE_CHARS);
        app = WireText.cut(app, WireNames.MAX_NAME_CHARS);
    }
}
