package org.vigil.agent.session;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.capture.KeyboardHook;
import org.vigil.agent.capture.KeyboardListener;
import org.vigil.agent.capture.NativeHook;
import org.vigil.agent.evidence.ScreenCapture;
import org.vigil.agent.evidence.Screenshots;
import org.vigil.agent.evidence.XlibScreenshots;
import org.vigil.agent.secure.AtSpiPasswordFocus;
import org.vigil.agent.secure.WindowsFocusTracker;
import org.vigil.agent.secure.JnaAccessibleFocus;
import org.vigil.agent.secure.MacSecureInput;
import org.vigil.agent.secure.PasswordFocus;
import org.vigil.agent.secure.WindowsPasswordFocus;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.JnaMacDesktop;
import org.vigil.agent.window.JnaX11Desktop;
import org.vigil.agent.window.JnaWin32Desktop;
import org.vigil.agent.window.MacActiveWindow;
import org.vigil.agent.window.MacDesktop;
import org.vigil.agent.window.UnsupportedActiveWindow;
import org.vigil.agent.window.Win32Desktop;
import org.vigil.agent.window.WindowsActiveWindow;
import org.vigil.agent.window.X11ActiveWindow;
import org.vigil.agent.window.XpropActiveWindow;
import org.vigil.runtime.Supervisor;

/**
 * What the session half takes from the pupil's desktop: the keyboard hook (made for the listener it feeds), the
 * focused window, whether a password field has focus, the screen, and whether the desktop shows a tray. {@link #of}
 * gives the real ones for this OS; tests stand in for what needs a display.
 *
 * @param trayPresent false when the desktop is known to have no tray, so the tray icon is not tried (which would
 *                    start AWT's toolkit for nothing); true when only AWT can tell
 */
public record Desktop(Function<KeyboardListener, KeyboardHook> hook, ActiveWindow activeWindow,
                      PasswordFocus passwordFocus, ScreenCapture screen, BooleanSupplier trayPresent) {
    private static final Logger log = LoggerFactory.getLogger(Desktop.class);

    /** A desktop where AWT says whether there is a tray. */
    public Desktop(Function<KeyboardListener, KeyboardHook> hook, ActiveWindow activeWindow,
                   PasswordFocus passwordFocus, ScreenCapture screen) {
        this(hook, activeWindow, passwordFocus, screen, () -> true);
    }

    /** A desktop where nothing tells password fields apart (the excluded apps are the guard). */
    public Desktop(Function<KeyboardListener, KeyboardHook> hook, ActiveWindow activeWindow, ScreenCapture screen) {
        this(hook, activeWindow, PasswordFocus.UNKNOWN, screen);
    }

    /**
     * Password inputs in browsers and UWP apps, from the accessibility focus events (ADR 0118); without them only
     * Edit controls and the secure desktop are told apart.
     */
    private static WindowsFocusTracker browserPasswordFields() {
        WindowsFocusTracker tracker = new WindowsFocusTracker();
        try {
            // runs for the life of the process, on a daemon thread of its own
            new JnaAccessibleFocus().watch(tracker);
        } catch (RuntimeException | LinkageError e) {
            log.warn("cannot watch accessibility focus events ({}): password fields in browsers will not be told"
                    + " apart, only Edit controls, the secure desktop and the excluded apps", e.toString());
        }
        return tracker;
    }

    /**
     * @param nativeLibDir a writable folder for the keyboard hook's native library
     * @param env          the session's environment (DISPLAY, XDG_SESSION_TYPE...)
     * @param supervisor   runs the hook's watchdog
     */
    public static Desktop of(Path nativeLibDir, Map<String, String> env, Supervisor supervisor) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        ActiveWindow activeWindow = new UnsupportedActiveWindow();
        PasswordFocus passwordFocus = PasswordFocus.UNKNOWN;
        ScreenCapture screen = new Screenshots();
        BooleanSupplier trayPresent = () -> true;
        try {
            if (os.contains("linux")) {
                // one Xlib connection for the window, the screenshot and the tray: no xprop processes, and no AWT
                // toolkit unless a tray icon or a notice window is shown (ADR 0122)
                String display = env.getOrDefault("DISPLAY", "");
                Optional<JnaX11Desktop> xlib = JnaX11Desktop.open(display);
                if (xlib.isPresent()) {
                    activeWindow = new X11ActiveWindow(xlib.get(), X11ActiveWindow::linuxProcessName);
                    screen = new XlibScreenshots(xlib.get(), screen);
                    trayPresent = xlib.get()::trayPresent;
                } else {
                    log.info("reading the focused window with xprop and the screen with AWT: libX11 could not be"
                            + " opened on display '{}' through JNA", display);
                    activeWindow = new XpropActiveWindow(display);
                }
                passwordFocus = new AtSpiPasswordFocus(env, supervisor);
            } else if (os.startsWith("windows")) {
                Win32Desktop win32 = new JnaWin32Desktop();
                activeWindow = new WindowsActiveWindow(win32);
                passwordFocus = new WindowsPasswordFocus(win32, browserPasswordFields());
            } else if (os.startsWith("mac")) {
                MacDesktop mac = new JnaMacDesktop();
                activeWindow = new MacActiveWindow(mac);
                passwordFocus = new MacSecureInput(mac::secureEventInput);
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("cannot load this system's window and password-field calls ({}): captures will not name the"
                    + " window, and only the excluded apps keep password fields out", e.toString());
        }
        return new Desktop(listener -> new NativeHook(nativeLibDir, env, listener, supervisor), activeWindow,
                passwordFocus, screen, trayPresent);
    }
}
