package org.vigil.agent.local;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One connection between the agent's halves, carrying length-delimited protobuf messages ({@code writeDelimitedTo}
 * framing, each at most {@link org.vigil.proto.WireNames#MAX_LOCAL_MESSAGE_BYTES}), whatever carries the bytes: a
 * Unix domain socket ({@link FramedChannel}) or a Windows named pipe ({@link PipeLink}).
 */
public interface LocalLink extends AutoCloseable {
    /**
     * The messages completed by what has arrived; never waits.
     *
     * @throws java.io.EOFException when the peer has closed its end
     * @throws LocalMessageException when the peer sent a message too large or malformed to frame
     */
    List<byte[]> read() throws IOException, LocalMessageException;

    /** Queues a message to be written by the next {@link #flush()} (any thread). */
    void send(MessageLite message);

    /** Writes what the link takes now; whether everything queued is written. */
    boolean flush() throws IOException;

    boolean hasOutgoing();

    /** Waits up to {@code timeout} for something to read (or room to write what is queued), or a {@link #wakeup()}. */
    void await(Duration timeout) throws IOException;

    /** Ends an {@link #await} now, or the next one if none is waiting (any thread). */
    void wakeup();

    @Override
    void close();
}
