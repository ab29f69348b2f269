package org.vigil.agent.local;

import java.io.IOException;

/**
 * How the two halves of the agent reach each other on one device, and how the service learns who is at the other
 * end: a Unix domain socket whose peer credentials give the user ({@link UnixSocketTransport}, Linux and macOS), or
 * a Windows named pipe whose client's token gives it ({@link NamedPipeTransport}). Both carry the same framing and
 * the same conversation; the service's server for each lives in {@code agent.service}.
 */
public sealed interface LocalTransport permits UnixSocketTransport, NamedPipeTransport {
    /** Connects a helper to the service (blocking). */
    LocalLink connect() throws IOException;

    /** Where the service listens, for log lines. */
    String describe();
}
