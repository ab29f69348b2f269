package org.vigil.agent.window;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focused window on Windows: {@code GetForegroundWindow}, its title, and the file name of the program that owns
 * it ("chrome.exe") as the app, through {@link Win32Desktop}. Never run on real Windows (see the agent README).
 */
public final class WindowsActiveWindow implements ActiveWindow {
    private static final Logger log = LoggerFactory.getLogger(WindowsActiveWindow.class);
    private final Win32Desktop desktop;
    private volatile boolean warned;

    public WindowsActiveWindow(Win32Desktop desktop) {
        this.desktop = desktop;
    }

    @Override
    public WindowInfo current() {
        try {
            long window = desktop.foregroundWindow();
            if (window == 0) {
                return WindowInfo.UNKNOWN;
            }
            int pid = desktop.processId(window);
            String image = pid == 0 ? "" : desktop.processImage(pid);
            return new WindowInfo(desktop.windowText(window), fileName(image));
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot read the focused window ({}): captures will not name it", e.toString());
            }
            return WindowInfo.UNKNOWN;
        }
    }

    /** "C:\Program Files\Google\Chrome\Application\chrome.exe" → "chrome.exe". */
    static String fileName(String image) {
        int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        return image.substring(slash + 1);
    }
}
