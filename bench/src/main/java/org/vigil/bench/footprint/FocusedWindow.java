package org.vigil.bench.footprint;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import java.nio.charset.StandardCharsets;

/**
 * The window the pupil types into, as a desktop's window manager would announce it: a mapped window with a browser's
 * title ({@code _NET_WM_NAME}) and class ({@code WM_CLASS}), named in the root window's {@code _NET_ACTIVE_WINDOW}.
 * Xvfb has no window manager, so without this the agents would find no focused window and skip reading its title
 * and app, which on a desktop they do at every line start. Its connection stays open for the run.
 */
final class FocusedWindow implements AutoCloseable {
    static final String TITLE = "Homework – Google Docs – Chromium";
    static final String WM_CLASS = "chromium\0Chromium\0";

    private final X11 x11;
    private final X11.Display connection;

    private FocusedWindow(X11 x11, X11.Display connection) {
        this.x11 = x11;
        this.connection = connection;
    }

    static FocusedWindow open(String displayName) {
        X11 x11 = Native.load("X11", X11.class);
        X11.Display connection = x11.XOpenDisplay(displayName);
        if (connection == null) {
            throw new IllegalStateException("cannot open the display " + displayName + " through libX11");
        }
        X11.Window root = x11.XDefaultRootWindow(connection);
        X11.Window window = x11.XCreateSimpleWindow(connection, root, 0, 0, 1280, 760, 0, 0, 0xffffff);
        FocusedWindow focused = new FocusedWindow(x11, connection);
        focused.bytes(window, "_NET_WM_NAME", "UTF8_STRING", TITLE.getBytes(StandardCharsets.UTF_8));
        focused.bytes(window, "WM_CLASS", "STRING", WM_CLASS.getBytes(StandardCharsets.ISO_8859_1));
        x11.XMapWindow(connection, window);
        Memory id = new Memory(Native.LONG_SIZE);
        id.setNativeLong(0, new NativeLong(window.longValue()));
        x11.XChangeProperty(connection, root, focused.atom("_NET_ACTIVE_WINDOW"), focused.atom("WINDOW"), 32,
                X11.PropModeReplace, id, 1);
        x11.XSync(connection, false);
        return focused;
    }

    private void bytes(X11.Window window, String property, String type, byte[] value) {
        Memory data = new Memory(value.length);
        data.write(0, value, 0, value.length);
        x11.XChangeProperty(connection, window, atom(property), atom(type), 8, X11.PropModeReplace, data,
                value.length);
    }

    private X11.Atom atom(String name) {
        return x11.XInternAtom(connection, name, false);
    }

    @Override
    public void close() {
        x11.XCloseDisplay(connection);
    }
}
