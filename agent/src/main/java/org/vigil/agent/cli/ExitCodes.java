package org.vigil.agent.cli;

import org.vigil.runtime.Fatal;

/** What the agent's exit code tells its service manager or the person who started it. */
public final class ExitCodes {
    /** A bad command line or config: starting it again will not help until someone fixes the file. */
    public static final int CONFIG = 2;
    /** The keyboard hook cannot run in this session (Wayland, no display, no permission). */
    public static final int NO_HOOK = 3;
    /** A worker failed in a way the process cannot recover from: start it again. */
    public static final int FATAL = Fatal.EXIT_CODE;

    private ExitCodes() {
    }
}
