package org.vigil.agent.service;

import java.io.IOException;

/** Where the device service serves session helpers: a Unix socket or a Windows named pipe. */
interface HelperServer extends AutoCloseable {
    /** Starts listening and serving; fails at once, saying why, when the endpoint cannot be had. */
    void start() throws IOException;

    /** The policy or the sign-in notice in force changed: hand it to every connected helper now. */
    void handOverChanged();

    /** Stops serving: helpers see their link close and wait to reconnect. */
    @Override
    void close();
}
