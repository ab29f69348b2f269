package org.vigil.agent.local;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * How the two halves of the agent reach each other on one device, and how the service learns who is at the other
 * end. {@link UnixSocketTransport} is the one for Linux and macOS; a Windows named-pipe transport (the client's
 * token giving the user) would be another implementation.
 */
public interface LocalTransport {
    /** Binds the service's endpoint so any local user can connect; a stale endpoint left by a crash is replaced. */
    ServerSocketChannel listen() throws IOException;

    /** Connects a helper to the service (blocking). */
    SocketChannel connect() throws IOException;

    /** The OS user of the process at the other end of an accepted connection, as the operating system says. */
    String peerUser(SocketChannel accepted) throws IOException;

    /** Removes the service's endpoint after it stopped listening (nothing for transports that leave none). */
    void unlink();

    /** Where this transport listens, for log lines. */
    String describe();
}
