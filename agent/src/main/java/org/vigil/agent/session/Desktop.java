package org.vigil.agent.session;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.vigil.agent.capture.KeyboardHook;
import org.vigil.agent.capture.KeyboardListener;
import org.vigil.agent.capture.NativeHook;
import org.vigil.agent.evidence.ScreenCapture;
import org.vigil.agent.evidence.Screenshots;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.UnsupportedActiveWindow;
import org.vigil.agent.window.X11ActiveWindow;
import org.vigil.runtime.Supervisor;

/**
 * What the session half takes from the pupil's desktop: the keyboard hook (made for the listener it feeds), the
 * focused window and the screen. {@link #of} gives the real ones; tests stand in for what needs a display.
 */
public record Desktop(Function<KeyboardListener, KeyboardHook> hook, ActiveWindow activeWindow,
                      ScreenCapture screen) {

    /**
     * @param nativeLibDir a writable folder for the keyboard hook's native library
     * @param env          the session's environment (DISPLAY, XDG_SESSION_TYPE...)
     * @param supervisor   runs the hook's watchdog
     */
    public static Desktop of(Path nativeLibDir, Map<String, String> env, Supervisor supervisor) {
        ActiveWindow activeWindow = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                ? new X11ActiveWindow()
                : new UnsupportedActiveWindow();
        return new Desktop(listener -> new NativeHook(nativeLibDir, env, listener, supervisor), activeWindow,
                new Screenshots());
    }
}
