package org.vigil.agent.window;

import java.util.Optional;
import java.util.function.Function;

/**
 * The few Xlib reads the session helper makes of the desktop, as plain values, so the logic around them is tested
 * with recorded answers and only {@link JnaX11Desktop} needs an X server. Window ids are {@code long}; 0 is none.
 * Never throws for a window that has gone (a property of a destroyed window reads as absent).
 */
public interface X11Desktop {
    /** The root window's {@code _NET_ACTIVE_WINDOW}, set by the window manager; 0 when there is none. */
    long activeWindow();

    /** An 8-bit property's bytes ({@code _NET_WM_NAME}, {@code WM_NAME}, {@code WM_CLASS}); empty when absent. */
    byte[] text(long window, String property);

    /** A 32-bit property's first value ({@code _NET_WM_PID}); 0 when absent. */
    long cardinal(long window, String property);

    /** Whether the desktop shows a system tray: its {@code _NET_SYSTEM_TRAY_S<screen>} selection has an owner. */
    boolean trayPresent();

    /**
     * Hands the root window's pixels (every monitor of the X screen) to {@code read} while they are held, and
     * returns what it made of them; empty when the screen is not in the 32-bits-a-pixel 8-8-8 RGB layout every
     * desktop uses today.
     */
    <T> Optional<T> screen(Function<ScreenRows, T> read);
}
