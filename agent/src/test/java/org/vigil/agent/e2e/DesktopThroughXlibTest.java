package org.vigil.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vigil.agent.evidence.Screenshots;
import org.vigil.agent.evidence.XlibScreenshots;
import org.vigil.agent.session.Desktop;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.JnaX11Desktop;
import org.vigil.agent.window.WindowInfo;
import org.vigil.agent.window.X11ActiveWindow;
import org.vigil.agent.window.XpropActiveWindow;
import org.vigil.proto.v1.Screenshot;
import org.vigil.runtime.Supervisor;

/**
 * What the session helper reads of the desktop through Xlib, on a real X server (Xvfb), with this test as the window
 * manager: it makes windows with the properties real apps set and names one in the root window's
 * {@code _NET_ACTIVE_WINDOW}, as every desktop's window manager does. The focused window (the xprop reader, the
 * fallback, must read the same), the screenshot, and whether there is a tray, all without AWT's toolkit.
 */
@Tag("e2e")
class DesktopThroughXlibTest {
    private static VirtualDisplay display;
    private static WindowManager manager;
    private static Supervisor supervisor;
    private static Desktop desktop;
    private static ActiveWindow xlib;

    @BeforeAll
    static void start() throws Exception {
        display = VirtualDisplay.start();
        manager = new WindowManager(display.name());
        supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
        desktop = Desktop.of(Files.createTempDirectory("vigil-native"), Map.of("DISPLAY", display.name()),
                supervisor);
        xlib = desktop.activeWindow();
    }

    @AfterAll
    static void stop() throws Exception {
        Cleanup.closeAll(manager, display, supervisor);
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
    void theScreenshotIsTheRootWindowsPixelsWithoutAwtsToolkit() throws Exception {
        assertInstanceOf(XlibScreenshots.class, desktop.screen());
        long white = manager.window("White page", "white\0White\0", 0);
        manager.activate(white);
        // coloured windows away from the white one: the PNG is lossless, so every pixel must be what X shows
        int[][] rectangles = {{500, 100, 120, 90, 0xff0000}, {700, 300, 64, 200, 0x00ff00},
                {40, 500, 300, 40, 0x0000ff}, {900, 600, 333, 177, 0x123456}};
        for (int[] r : rectangles) {
            manager.window("Colour " + Integer.toHexString(r[4]), null, 0, r[0], r[1], r[2], r[3], r[4]);
        }
        Screenshot shot = desktop.screen().take().orElseThrow();
        assertEquals("image/png", shot.getMediaType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(shot.getData().toByteArray()));
        assertEquals(VirtualDisplay.WIDTH, image.getWidth());
        assertEquals(VirtualDisplay.HEIGHT, image.getHeight());
        assertEquals(VirtualDisplay.WIDTH, shot.getWidth());
        assertEquals(VirtualDisplay.HEIGHT, shot.getHeight());
        int wrong = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int expected = 0x000000;
                if (x >= WindowManager.X && x < WindowManager.X + 200 && y >= WindowManager.Y
                        && y < WindowManager.Y + 100) {
                    expected = 0xffffff;
                }
                for (int[] r : rectangles) {
                    if (x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3]) {
                        expected = r[4];
                    }
                }
                if ((image.getRGB(x, y) & 0xffffff) != expected) {
                    wrong++;
                }
            }
        }
        assertEquals(0, wrong, "pixels of the PNG that differ from the X display");
        assertFalse(awtToolkitStarted(), "AWT's toolkit was not started for the screenshot");
    }

    @Test
    void aTrayIsSeenOnlyWhileSomethingHoldsTheTraySelection() {
        assertFalse(desktop.trayPresent().getAsBoolean());
        long tray = manager.window("panel", null, 0);
        manager.ownSelection("_NET_SYSTEM_TRAY_S0", tray);
        assertTrue(desktop.trayPresent().getAsBoolean());
        manager.ownSelection("_NET_SYSTEM_TRAY_S0", 0);
        assertFalse(desktop.trayPresent().getAsBoolean());
    }

    @Test
    void withNoDisplayToOpenItFallsBackToXpropAndAwt() throws Exception {
        assertTrue(JnaX11Desktop.open(":1999").isEmpty());
        assertFalse(JnaX11Desktop.open("").isPresent());
        Desktop without = Desktop.of(Files.createTempDirectory("vigil-native"), Map.of("DISPLAY", ":1999"),
                supervisor);
        assertInstanceOf(XpropActiveWindow.class, without.activeWindow());
        assertInstanceOf(Screenshots.class, without.screen());
    }

    /** AWT's X11 toolkit runs an "AWT-XAWT" event thread once started. */
    private static boolean awtToolkitStarted() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("AWT-XAWT"));
    }

    private static ActiveWindow xpropOn(VirtualDisplay display) {
        return new XpropActiveWindow("xprop", java.time.Duration.ofSeconds(5), display.name());
    }

    /** Just enough of a window manager: windows with an app's properties, and the root's active window. */
    static final class WindowManager implements AutoCloseable {
        static final int X = 100;
        static final int Y = 80;

        interface Xlib extends X11 {
            Xlib INSTANCE = Native.load("X11", Xlib.class);

            int XSetSelectionOwner(X11.Display display, X11.Atom selection, X11.Window owner, NativeLong time);
        }

        private final Xlib x11 = Xlib.INSTANCE;
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
            return window(title, wmClass, pid, X, Y, 200, 100, 0xffffff);
        }

        long window(String title, String wmClass, long pid, int x, int y, int width, int height, int background) {
            X11.Window window = x11.XCreateSimpleWindow(connection, root, x, y, width, height, 0, 0, background);
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

        void ownSelection(String selection, long owner) {
            x11.XSetSelectionOwner(connection, atom(selection), owner == 0 ? null : new X11.Window(owner),
                    new NativeLong(0));
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
            data.setNativeLong(0, new NativeLong(value));
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
