package org.vigil.agent.window;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focused window on macOS: the frontmost ordinary window (layer 0) of the on-screen list, its application's
 * name as the app and its title (empty without the Screen Recording permission, which the README tells IT to grant
 * through MDM). Never run on a real Mac (see the agent README).
 */
public final class MacActiveWindow implements ActiveWindow {
    private static final Logger log = LoggerFactory.getLogger(MacActiveWindow.class);
    private final MacDesktop desktop;
    private volatile boolean warned;

    public MacActiveWindow(MacDesktop desktop) {
        this.desktop = desktop;
    }

    @Override
    public WindowInfo current() {
        try {
            return desktop.onScreenWindows().stream().filter(window -> window.layer() == 0).findFirst()
                    .map(window -> new WindowInfo(window.title(), window.ownerName())).orElse(WindowInfo.UNKNOWN);
        } catch (RuntimeException | LinkageError e) {
            if (!warned) {
                warned = true;
                log.warn("cannot read the focused window ({}): captures will not name it", e.toString());
            }
            return WindowInfo.UNKNOWN;
        }
    }
}
