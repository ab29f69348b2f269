package org.vigil.agent.window;

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

    /** Whether a selection has an owner: {@code _NET_SYSTEM_TRAY_S0} is owned while the desktop shows a tray. */
    boolean selectionOwned(String selection);
}
