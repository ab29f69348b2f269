package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.X11;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.JnaX11Desktop;
import org.vigil.agent.window.WindowInfo;
import org.vigil.agent.window.X11ActiveWindow;
import org.vigil.agent.window.XpropActiveWindow;

/**
 * The focused window read through Xlib on a real X server (Xvfb), with this test as the window manager: it makes
 * windows with the properties real apps set and names one in the root window's {@code _NET_ACTIVE_WINDOW}, as every
 * desktop's window manager does. The xprop reader, the fallback, must read the same.
 */
@Tag("e2e")
class ActiveWindowThroughXlibTest {
    private static VirtualDisplay display;
    private static WindowManager manager;
    private static ActiveWindow xlib;

    @BeforeAll
    static void start() throws Exception {
        display = VirtualDisplay.start();
        manager = new WindowManager(display.name());
        xlib = X11ActiveWindow.forSession(Map.of("DISPLAY", display.name()));
    }

    @AfterAll
    static void stop() throws Exception {
        Cleanup.closeAll(manager, display);
    }

    @Test
    void theHelperReadsTheFocusedWindowsUtf8TitleAndClassThroughXlib() throws Exception {
        assertInstanceOf(X11ActiveWindow.class, xlib);
        long window = manager.window("Café – Ma dissertation ✓", "Navigator\0firefox\0", 0);
        manager.activate(window);
        assertEquals(new WindowInfo("Café – Ma dissertation ✓", "firefox"), xlib.current());
        assertEquals(xlib.current(), xpropOn(display).current(), "xprop, the fallback, reads the same");
    }

    @Test
    void aWindowWithNoClassIsNamedByItsProcess() throws Exception {
        long window = manager.window("Chat", null, ProcessHandle.current().pid());
        manager.activate(window);
        assertEquals(new WindowInfo("Chat", "java"), xlib.current());
    }

    @Test
    void focusMovingToAnotherWindowIsSeenAtTheNextRead() throws Exception {
        long notes = manager.window("Notes", "gedit\0Gedit\0", 0);
        long terminal = manager.window("pupil@laptop: ~", "xterm\0XTerm\0", 0);
        manager.activate(notes);
        assertEquals("Gedit", xlib.current().app());
        manager.activate(terminal);
        assertEquals(new WindowInfo("pupil@laptop: ~", "XTerm"), xlib.current());
    }

    @Test
    void aFocusedWindowThatHasJustClosedReadsAsNamelessAndTheHelperLivesOn() throws Exception {
        long gone = manager.window("Closing", "closing\0Closing\0", 0);
        manager.activate(gone);
        manager.destroy(gone);
        // BadWindow on every read: Xlib's default handler would end the process here
        assertEquals(new WindowInfo("", ""), xlib.current());
        long next = manager.window("Still here", "still\0Still\0", 0);
        manager.activate(next);
        assertEquals(new WindowInfo("Still here", "Still"), xlib.current());
    }

    @Test
    void withNoDisplayToOpenItFallsBackToXprop() {
        assertTrue(JnaX11Desktop.open(":1999").isEmpty());
        assertInstanceOf(XpropActiveWindow.class, X11ActiveWindow.forSession(Map.of("DISPLAY", ":1999")));
        assertFalse(JnaX11Desktop.open("").isPresent());
    }

    private static ActiveWindow xpropOn(VirtualDisplay display) {
        return new XpropActiveWindow("xprop", java.time.Duration.ofSeconds(5), display.name());
    }

    /** Just enough of a window manager: windows with an app's properties, and the root's active window. */
    static final class WindowManager implements AutoCloseable {
        interface Xlib extends X11 {
            Xlib INSTANCE = Native.load("X11", Xlib.class);
        }

        private final X11 x11 = Xlib.INSTANCE;
        private final X11.Display connection;
        private final X11.Window root;

        WindowManager(String displayName) {
            connection = x11.XOpenDisplay(displayName);
            if (connection == null) {
                throw new IllegalStateException("cannot open " + displayName);
            }
            root = x11.XDefaultRootWindow(connection);
        }

        long window(String title, String wmClass, long pid) {
            X11.Window window = x11.XCreateSimpleWindow(connection, root, 0, 0, 200, 100, 0, 0, 0);
            text(window, "_NET_WM_NAME", "UTF8_STRING", title.getBytes(StandardCharsets.UTF_8));
            if (wmClass != null) {
                text(window, "WM_CLASS", "STRING", wmClass.getBytes(StandardCharsets.ISO_8859_1));
            }
            if (pid > 0) {
                longs(window, "_NET_WM_PID", "CARDINAL", pid);
            }
            x11.XMapWindow(connection, window);
            x11.XSync(connection, false);
            return window.longValue();
        }

        void activate(long window) {
            longs(root, "_NET_ACTIVE_WINDOW", "WINDOW", window);
            x11.XSync(connection, false);
        }

        void destroy(long window) {
            x11.XDestroyWindow(connection, new X11.Window(window));
            x11.XSync(connection, false);
        }

        private void text(X11.Window window, String property, String type, byte[] value) {
            Memory data = new Memory(Math.max(1, value.length));
            data.write(0, value, 0, value.length);
            x11.XChangeProperty(connection, window, atom(property), atom(type), 8, X11.PropModeReplace, data,
                    value.length);
        }

        /** Format-32 properties are passed to Xlib as C longs. */
        private void longs(X11.Window window, String property, String type, long value) {
            Memory data = new Memory(Native.LONG_SIZE);
            data.setNativeLong(0, new com.sun.jna.NativeLong(value));
            x11.XChangeProperty(connection, window, atom(property), atom(type), 32, X11.PropModeReplace, data, 1);
        }

        private X11.Atom atom(String name) {
            return x11.XInternAtom(connection, name, false);
        }

        @Override
        public void close() {
            x11.XCloseDisplay(connection);
        }
    }
}
