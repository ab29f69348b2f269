package org.vigil.agent.window;

/** Reads the focused window. Never throws: when it cannot tell, it returns {@link WindowInfo#UNKNOWN}. */
public interface ActiveWindow {
    WindowInfo current();
}
