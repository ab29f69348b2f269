package org.vigil.agent.window;

import java.util.List;

/**
 * The windows on screen, front to back, as plain values, so the logic around them is tested anywhere with recorded
 * answers and only {@link JnaMacDesktop} needs macOS.
 */
public interface MacDesktop {
    List<MacWindow> onScreenWindows();

    /** {@code IsSecureEventInputEnabled()}. */
    boolean secureEventInput();
}
