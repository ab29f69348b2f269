package org.vigil.agent.window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focused X11 window through Xlib (ADR 0122): the root window's {@code _NET_ACTIVE_WINDOW}, then that window's
 * {@code _NET_WM_NAME} (UTF-8; {@code WM_NAME} when it has none) as the title and its {@code WM_CLASS} class as the
 * app ("firefox", "XTerm"), or, for a window with no class, the name of the process its {@code _NET_WM_PID} names.
 * A few round trips to the X server on a connection kept open, instead of two {@code xprop} processes per read.
 */
public final class X11ActiveWindow implements ActiveWindow {
    private static final Logger log = LoggerFactory.getLogger(X11ActiveWindow.class);
    private final X11Desktop desktop;
    private final LongFunction<String> processName;
    private volatile boolean warned;

    /** @param processName the name of a local process by id ("" if unknown): on Linux {@code /proc/PID/comm} */
    public X11ActiveWindow(X11Desktop desktop, LongFunction<String> processName) {
        this.desktop = desktop;
        this.processName = processName;
    }

    @Override
    public WindowInfo current() {
        try {
            long window = desktop.activeWindow();
            if (window == 0) {
                return WindowInfo.UNKNOWN;
            }
            String title = new String(desktop.text(window, "_NET_WM_NAME"), StandardCharsets.UTF_8);
            if (title.isEmpty()) {
                // STRING is ISO 8859-1; COMPOUND_TEXT is too for the characters it shares with it
                title = new String(desktop.text(window, "WM_NAME"), StandardCharsets.ISO_8859_1);
            }
            String app = windowClass(desktop.text(window, "WM_CLASS"));
            if (app.isEmpty()) {
                long pid = desktop.cardinal(window, "_NET_WM_PID");
                app = pid > 0 ? processName.apply(pid) : "";
            }
            return new WindowInfo(title, app);
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot read the focused window through Xlib ({}); captures will have no window title or"
                        + " app", e.toString());
            }
            return WindowInfo.UNKNOWN;
        }
    }

    /** WM_CLASS is two NUL-terminated strings, instance then class ("Navigator\0firefox\0"): the class. */
    static String windowClass(byte[] wmClass) {
        String[] parts = new String(wmClass, StandardCharsets.ISO_8859_1).split("\0");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty()) {
                return parts[i];
            }
        }
        return "";
    }

    /** The kernel's name for a process ({@code /proc/PID/comm}, at most 15 chars); "" if it cannot be read. */
    public static String linuxProcessName(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
