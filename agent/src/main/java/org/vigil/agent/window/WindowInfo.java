package org.vigil.agent.window;

/**
 * The window that had focus when something was typed. Empty strings when it cannot be known.
 *
 * @param title the window's title
 * @param app   the application, e.g. the X11 WM_CLASS class ("firefox", "XTerm")
 */
public record WindowInfo(String title, String app) {
    public static final WindowInfo UNKNOWN = new WindowInfo("", "");

    public WindowInfo {
        title = title == null ? "" : title;
        app = app == null ? "" : app;
    }
}
